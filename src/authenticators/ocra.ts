// OCRA challenge/response authenticators (RFC 6287; spec: flows.md §5): C suites search like HOTP, T suites
// like TOTP (suite time step, drift), C+T try T ±timeWindow per counter; plain suites give lastStep + 1 (the
// single-use challenge key stops replays). P and S suites always fail: no PIN hash or session is kept.
import type { Authenticator } from '../domain/model.js';
import { codeMatches, isDigits } from '../otp/codes.js';
import { ocra, ocraSuite, ocraTimeStep, ocraValue, type ChallengeSpec, type OcraSuite } from '../otp/ocra.js';
import { accepted, REJECTED, type AuthenticatorKindModule, type VerifyContext, type VerifyResult } from './kind.js';
import { anyStep, clampDrift, failure, searchCounters, searchSteps } from './search.js';

const CHALLENGE_CHARS: Readonly<Record<ChallengeSpec['format'], RegExp>> = {
  N: /^\d+$/, H: /^[0-9a-fA-F]+$/, A: /^[\x20-\x7e]+$/,
};

/** The authenticator's parsed suite, or null when it has none or it is not valid. */
export function suiteOf(a: Authenticator): OcraSuite | null {
  if (a.ocraSuite === null) return null;
  try {
    return ocraSuite(a.ocraSuite);
  } catch {
    return null;
  }
}

/** Format and length of the challenges to issue to this authenticator (null without a valid suite). */
export function challengeSpecOf(a: Authenticator): ChallengeSpec | null {
  return suiteOf(a)?.challenge ?? null;
}

/** A challenge this suite accepts: its format, 4 characters up to the suite's length. */
export function challengeFits(suite: OcraSuite, challenge: string): boolean {
  const { format, length } = suite.challenge;
  return challenge.length >= Math.min(4, length) && challenge.length <= length && CHALLENGE_CHARS[format].test(challenge);
}

function verifiable(suite: OcraSuite | null, otp: string, ctx: VerifyContext): suite is OcraSuite {
  return suite !== null && suite.pin === null && suite.sessionBytes === 0 && isDigits(otp, suite.digits)
    && ctx.challenge !== undefined && challengeFits(suite, ctx.challenge);
}

function verify(a: Authenticator, otp: string, ctx: VerifyContext): VerifyResult {
  const suite = suiteOf(a);
  if (!verifiable(suite, otp, ctx)) return REJECTED;
  const given = Buffer.from(otp, 'latin1');
  const question = ctx.challenge!;
  const at = (counter: number | undefined, timeStep: number | undefined): boolean =>
    codeMatches(ocraValue(suite, a.secret, { question, counter, timeStep }), suite.digits, given);
  const { policy } = ctx;
  if (suite.counter) {
    const nowT = suite.timeStepS > 0 ? ocraTimeStep(suite, ctx.now) : undefined;
    const outcome = searchCounters(a.lastStep, policy.eventWindow, (c) =>
      nowT === undefined ? at(c, undefined) : anyStep(nowT, policy.timeWindow, (t) => at(c, t)));
    return failure(outcome) ?? accepted(outcome, a.drift);
  }
  if (suite.timeStepS > 0) {
    const nowT = ocraTimeStep(suite, ctx.now);
    const window = a.lastStep >= 0 ? policy.timeWindow : policy.initialTimeWindow;
    const outcome = searchSteps(nowT + a.drift, window, a.lastStep, (t) => at(undefined, t));
    return failure(outcome) ?? accepted(outcome, clampDrift(outcome - nowT, policy.maxDrift));
  }
  return at(undefined, undefined) ? accepted(a.lastStep + 1, a.drift) : REJECTED;
}

/** The response a token gives to ctx.challenge now (next counter, true time). */
function generate(a: Authenticator, ctx: VerifyContext): string {
  const suite = suiteOf(a);
  if (suite === null) throw new Error(`authenticator ${a.serial} has no valid OCRA suite`);
  if (ctx.challenge === undefined) throw new Error('an OCRA response needs a challenge');
  return ocra(suite, a.secret, {
    question: ctx.challenge,
    counter: suite.counter ? a.lastStep + 1 : undefined,
    timeStep: suite.timeStepS > 0 ? ocraTimeStep(suite, ctx.now) : undefined,
  });
}

export const ocraKind: AuthenticatorKindModule = Object.freeze({
  kind: 'ocra',
  capabilities: Object.freeze({ responseOnly: false, challengeResponse: true, push: false, hostCode: true, serverPin: true, delivery: false }),
  otpLength: (a: Authenticator) => suiteOf(a)?.digits ?? a.digits,
  verify,
  generate,
});
