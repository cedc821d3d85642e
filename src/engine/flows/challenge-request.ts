// Flow: 2-step challenge request (spec: flows.md §5): an authUser whose password is the policy's
// request (Keyword, KeywordOnly, Password, KeywordPassword, PasswordKeyword, KeywordPIN) for a user
// with an authenticator that answers challenges does not authenticate: it stores a challenge and
// answers STAT_CHALLENGE. The second leg is the challenge-response flow, by key, on any node.
import type { Authenticator } from '../../domain/model.js';
import type { AuthRequest } from '../../domain/request.js';
import { answersChallenges, issueChallenge } from '../challenges.js';
import { fingerprint } from '../credentials.js';
import { verdict, type ResolvedContext, type Verdict } from '../context.js';
import { KEYWORD_IGNORES_CASE, REQUEST_METHODS } from '../decisions.js';
import type { Flow } from './flow.js';
import { isStaticAttempt } from './static-password.js';

type Method = (typeof REQUEST_METHODS)[number];
/** What came with the keyword and must verify first: nothing, the server PIN, or the static password. */
type Item = { readonly kind: 'none' } | { readonly kind: 'pin' | 'password'; readonly value: string };
interface Ask { readonly a: Authenticator; readonly item: Item }

const NONE: Item = { kind: 'none' };
const norm = (s: string): string => (KEYWORD_IGNORES_CASE ? s.toLowerCase() : s);
const pinSet = (a: Authenticator): boolean => a.pinEnabled && a.pinHash !== null && !a.pinChangeRequired;
const inGrace = (ctx: ResolvedContext): boolean => ctx.authenticators.some((a) => a.graceUntil !== null && a.graceUntil > ctx.now);

/** The request string: the password field; none when a response is present (that is an answer). */
function requestText(r: AuthRequest): string | undefined {
  if (r.response !== undefined) return undefined;
  return r.passwordFormat === 'separate' ? r.password ?? r.staticPassword ?? '' : r.password ?? '';
}

/** Splits `text` around the keyword: the rest after a leading keyword, or before a trailing one. */
function after(text: string, kw: string): string | undefined {
  return kw !== '' && norm(text.slice(0, kw.length)) === norm(kw) ? text.slice(kw.length) : undefined;
}
function before(text: string, kw: string): string | undefined {
  return kw !== '' && text.length >= kw.length && norm(text.slice(text.length - kw.length)) === norm(kw) ? text.slice(0, text.length - kw.length) : undefined;
}

const password = (ctx: ResolvedContext, value: string | undefined): Item | undefined =>
  value && ctx.user.staticPasswordHash !== null ? { kind: 'password', value } : undefined;

/** Keyword: the keyword alone, or followed by the server PIN (when one is set) or else the static password. */
function keywordItem(ctx: ResolvedContext, rest: string | undefined, a: Authenticator): Item | undefined {
  if (rest === undefined) return undefined;
  if (rest === '') return NONE;
  return pinSet(a) ? { kind: 'pin', value: rest } : password(ctx, rest);
}

const ITEMS: Readonly<Record<Method, (ctx: ResolvedContext, text: string, a: Authenticator, kw: string) => Item | undefined>> = {
  Keyword: (ctx, text, a, kw) => keywordItem(ctx, after(text, kw), a),
  KeywordOnly: (_ctx, text, _a, kw) => (norm(text) === norm(kw) ? NONE : undefined),
  Password: (ctx, text) => (isStaticAttempt(ctx) && !inGrace(ctx) ? password(ctx, text) : undefined),
  KeywordPassword: (ctx, text, _a, kw) => password(ctx, after(text, kw)),
  PasswordKeyword: (ctx, text, _a, kw) => password(ctx, before(text, kw)),
  KeywordPIN: (_ctx, text, a, kw) => {
    const rest = after(text, kw);
    if (rest === undefined) return undefined;
    if (!pinSet(a)) return rest === '' ? NONE : undefined;
    return rest === '' ? undefined : { kind: 'pin', value: rest };
  },
};

function askOf(ctx: ResolvedContext): Ask | undefined {
  const method = REQUEST_METHODS.find((m) => m === ctx.policy.challengeRequestMethod);
  const text = requestText(ctx.request);
  const a = ctx.authenticators.find(answersChallenges);
  if (!method || text === undefined || !a || ctx.request.authType !== undefined) return undefined;
  const item = ITEMS[method](ctx, text, a, ctx.policy.challengeKeyword);
  return item && { a, item };
}

/** At most one argon2 verification; a wrong PIN or password counts toward lockout. */
async function itemRefusal(ctx: ResolvedContext, { a, item }: Ask): Promise<Verdict | undefined> {
  const { hasher } = ctx.ports;
  const wrong = { serialNo: a.serial, fingerprint: fingerprint(ctx.request) };
  if (item.kind === 'pin' && !(await hasher.verify(a.pinHash!, item.value))) return verdict('OTP_INCORRECT', wrong);
  if (item.kind === 'password' && !(await hasher.verify(ctx.user.staticPasswordHash!, item.value))) {
    return verdict('LOCAL_PASSWORD_MISMATCH', { fingerprint: wrong.fingerprint });
  }
  return undefined;
}

export const challengeRequest: Flow = {
  name: 'challenge-request',
  matches: (ctx) => askOf(ctx) !== undefined,
  async run(ctx) {
    const ask = askOf(ctx)!;
    const refused = await itemRefusal(ctx, ask);
    if (refused) return refused;
    const target = { userRef: ctx.user.id, authenticator: ask.a };
    const extra = { purpose: '2-step' as const, pinVerified: ask.item.kind === 'pin' };
    const issued = await issueChallenge(ctx.ports, ctx.now, ctx.policy, ctx.request.componentType, target, extra);
    return 'status' in issued ? issued : verdict('CHALLENGE', { ...issued, serialNo: ask.a.serial });
  },
};
