// OCRA suite strings (RFC 6287 §6): `OCRA-1:HOTP-<hash>-<digits>:[C-]Q<fmt><len>[-P<hash>][-Snnn][-T<n><S|M|H>]`
// parsed once into a frozen description (challenge format and length included, for the engine).
// Truncation 0 (full HMAC as the response) is refused: responses here are typed by people.
import { digestBytes, isHashAlgorithm, MAX_DIGITS, MIN_DIGITS, type HashAlgorithm } from './codes.js';

export type ChallengeFormat = 'A' | 'N' | 'H';

export interface ChallengeSpec {
  /** A: printable ASCII (generated as 0-9A-Z), N: decimal digits, H: hexadecimal digits. */
  readonly format: ChallengeFormat;
  /** The suite's challenge length in characters (04-64). */
  readonly length: number;
}

export interface OcraSuite {
  readonly text: string;
  readonly algorithm: HashAlgorithm;
  readonly digits: number;
  readonly counter: boolean;
  readonly challenge: ChallengeSpec;
  /** Hash of the PIN carried in the data input (P), or null. */
  readonly pin: HashAlgorithm | null;
  /** Session information length in bytes (Snnn), 0 when absent. */
  readonly sessionBytes: number;
  /** Time-step size in seconds (T), 0 when absent. */
  readonly timeStepS: number;
}

export class OcraSuiteError extends Error {
  constructor(suite: string, reason: string) {
    super(`invalid OCRA suite "${suite}": ${reason}`);
    this.name = 'OcraSuiteError';
  }
}

const CRYPTO = /^HOTP-(SHA1|SHA256|SHA512)-(\d{1,2})$/;
const QUESTION = /^Q([ANH])(\d\d)$/;
const PIN = /^P(SHA1|SHA256|SHA512)$/;
const SESSION = /^S(\d{3})$/;
const TIME = /^T([1-9]\d?)([SMH])$/;
const TIME_LIMITS = { S: [59, 1], M: [59, 60], H: [48, 3600] } as const;

interface DataInput {
  counter: boolean;
  challenge: ChallengeSpec | null;
  pin: HashAlgorithm | null;
  sessionBytes: number;
  timeStepS: number;
}

/** Parses one DataInput element into `d`; elements must come in RFC order C, Q, P, S, T. */
function parseElement(text: string, part: string, rank: number, d: DataInput): number {
  let m: RegExpExecArray | null;
  if (part === 'C' && rank < 1) { d.counter = true; return 1; }
  if ((m = QUESTION.exec(part)) && rank < 2) {
    const length = Number(m[2]);
    if (length < 4 || length > 64) throw new OcraSuiteError(text, 'challenge length must be 04-64');
    d.challenge = Object.freeze({ format: m[1] as ChallengeFormat, length });
    return 2;
  }
  if ((m = PIN.exec(part)) && rank < 3 && isHashAlgorithm(m[1]!)) { d.pin = m[1]; return 3; }
  if ((m = SESSION.exec(part)) && rank < 4) {
    d.sessionBytes = Number(m[1]);
    if (d.sessionBytes < 1 || d.sessionBytes > 512) throw new OcraSuiteError(text, 'session length must be 001-512');
    return 4;
  }
  if ((m = TIME.exec(part)) && rank < 5) {
    const [max, unit] = TIME_LIMITS[m[2] as keyof typeof TIME_LIMITS];
    if (Number(m[1]) > max) throw new OcraSuiteError(text, `time step ${part} out of range`);
    d.timeStepS = Number(m[1]) * unit;
    return 5;
  }
  throw new OcraSuiteError(text, `unexpected data input element "${part}"`);
}

function parseDataInput(text: string, dataInput: string): DataInput {
  const d: DataInput = { counter: false, challenge: null, pin: null, sessionBytes: 0, timeStepS: 0 };
  let rank = 0;
  for (const part of dataInput.split('-')) rank = parseElement(text, part, rank, d);
  if (d.challenge === null) throw new OcraSuiteError(text, 'a challenge element Q<A|N|H><len> is required');
  return d;
}

/** Parses a suite string; throws OcraSuiteError with the reason when it is not valid. */
export function parseOcraSuite(text: string): OcraSuite {
  const parts = text.split(':');
  if (parts.length !== 3 || parts[0] !== 'OCRA-1') throw new OcraSuiteError(text, 'expected OCRA-1:<crypto function>:<data input>');
  const c = CRYPTO.exec(parts[1]!);
  if (!c || !isHashAlgorithm(c[1]!)) throw new OcraSuiteError(text, 'crypto function must be HOTP-SHA1|SHA256|SHA512-<digits>');
  const digits = Number(c[2]);
  if (digits < MIN_DIGITS || digits > MAX_DIGITS) throw new OcraSuiteError(text, `response length must be ${MIN_DIGITS}-${MAX_DIGITS} digits`);
  const d = parseDataInput(text, parts[2]!);
  return Object.freeze({
    text, algorithm: c[1], digits, counter: d.counter, challenge: d.challenge!,
    pin: d.pin, sessionBytes: d.sessionBytes, timeStepS: d.timeStepS,
  });
}

const CACHE = new Map<string, OcraSuite>();
const CACHE_LIMIT = 256;

/** Cached parse, for the hot path (suites come from the store and repeat). */
export function ocraSuite(text: string): OcraSuite {
  let suite = CACHE.get(text);
  if (suite === undefined) {
    suite = parseOcraSuite(text);
    if (CACHE.size >= CACHE_LIMIT) CACHE.clear();
    CACHE.set(text, suite);
  }
  return suite;
}

/** Byte length of the P element of a suite (0 without P). */
export function pinBytes(suite: OcraSuite): number {
  return suite.pin === null ? 0 : digestBytes(suite.pin);
}
