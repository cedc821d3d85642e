// OCRA responses (RFC 6287 §5): HMAC over DataInput = suite | 0x00 | C (8) | Q (128) | P | S | T (8),
// truncated as HOTP. Q: N = the decimal number in hex, A = the ASCII bytes, H = the hex digits, each
// left-aligned and zero-padded to 128 bytes; S is copied left-aligned into its Snnn bytes.
import { createHash } from 'node:crypto';
import { assertDigits, codeMatches, formatCode, hmac, truncate, writeUint64 } from './codes.js';
import { pinBytes, type ChallengeSpec, type OcraSuite } from './ocra-suite.js';

export { OcraSuiteError, ocraSuite, parseOcraSuite, type ChallengeFormat, type ChallengeSpec, type OcraSuite } from './ocra-suite.js';

export interface OcraInput {
  /** The challenge (question) in the suite's format. */
  readonly question: string;
  /** C: required exactly when the suite has C. */
  readonly counter?: number;
  /** P: the hash of the PIN (see `ocraPinHash`), required exactly when the suite has P. */
  readonly pinHash?: Buffer;
  /** S: session information, at most the suite's Snnn bytes, required exactly when the suite has S. */
  readonly session?: Buffer;
  /** T: the time step number (see `ocraTimeStep`), required exactly when the suite has T. */
  readonly timeStep?: number;
}

const QUESTION_BYTES = 128;

export class OcraInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OcraInputError';
  }
}

function requireIff<T>(present: boolean, value: T | undefined, name: string): T | undefined {
  if (present && value === undefined) throw new OcraInputError(`the suite requires ${name}`);
  if (!present && value !== undefined) throw new OcraInputError(`the suite has no ${name}`);
  return value;
}

function hexNibble(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}

/** Writes hex digits left-aligned (an odd count leaves the last low nibble 0). */
function writeHex(target: Buffer, offset: number, hex: string): void {
  if (hex.length > QUESTION_BYTES * 2) throw new OcraInputError('hex challenge longer than 256 digits');
  for (let i = 0; i < hex.length; i++) {
    const n = hexNibble(hex.charCodeAt(i));
    if (n < 0) throw new OcraInputError('hex challenge holds a non-hex character');
    target[offset + (i >> 1)] |= (i & 1) === 0 ? n << 4 : n;
  }
}

function writeQuestion(target: Buffer, offset: number, format: ChallengeSpec['format'], q: string): void {
  if (q.length === 0) throw new OcraInputError('empty challenge');
  if (format === 'H') return writeHex(target, offset, q);
  if (format === 'N') {
    if (q.length > 64 || !/^\d+$/.test(q)) throw new OcraInputError('numeric challenge must be 1-64 decimal digits');
    return writeHex(target, offset, BigInt(q).toString(16));
  }
  if (q.length > QUESTION_BYTES || !/^[\x20-\x7e]+$/.test(q)) throw new OcraInputError('alphanumeric challenge must be 1-128 printable ASCII characters');
  target.write(q, offset, 'latin1');
}

/** The DataInput bytes of RFC 6287 §5.1 for a suite and its inputs. */
export function ocraDataInput(suite: OcraSuite, input: OcraInput): Buffer {
  const counter = requireIff(suite.counter, input.counter, 'a counter (C)');
  const pin = requireIff(suite.pin !== null, input.pinHash, 'a PIN hash (P)');
  const session = requireIff(suite.sessionBytes > 0, input.session, 'session information (S)');
  const time = requireIff(suite.timeStepS > 0, input.timeStep, 'a time step (T)');
  const head = Buffer.byteLength(suite.text, 'latin1') + 1;
  const pLen = pinBytes(suite);
  const size = head + (suite.counter ? 8 : 0) + QUESTION_BYTES + pLen + suite.sessionBytes + (time !== undefined ? 8 : 0);
  const msg = Buffer.alloc(size);
  msg.write(suite.text, 0, 'latin1');
  let at = head;
  if (counter !== undefined) { writeUint64(msg, counter, at); at += 8; }
  writeQuestion(msg, at, suite.challenge.format, input.question);
  at += QUESTION_BYTES;
  if (pin !== undefined) {
    if (pin.length !== pLen) throw new OcraInputError(`the PIN hash must be ${pLen} bytes`);
    at += pin.copy(msg, at);
  }
  if (session !== undefined) {
    if (session.length > suite.sessionBytes) throw new OcraInputError(`session information longer than ${suite.sessionBytes} bytes`);
    session.copy(msg, at);
    at += suite.sessionBytes;
  }
  if (time !== undefined) writeUint64(msg, time, at);
  return msg;
}

/** The truncated 31-bit value of the response (compare with `codeMatches`). */
export function ocraValue(suite: OcraSuite, key: Buffer, input: OcraInput): number {
  return truncate(hmac(suite.algorithm, key, ocraDataInput(suite, input)));
}

/** The OCRA response: `suite.digits` decimal digits. */
export function ocra(suite: OcraSuite, key: Buffer, input: OcraInput): string {
  assertDigits(suite.digits);
  return formatCode(ocraValue(suite, key, input), suite.digits);
}

/** Constant-time check of a presented response (ASCII digits, length already checked). */
export function ocraMatches(suite: OcraSuite, key: Buffer, input: OcraInput, given: Buffer): boolean {
  return codeMatches(ocraValue(suite, key, input), suite.digits, given);
}

/** The T value of a time-based suite at `epochMs` (number of time steps since the epoch). */
export function ocraTimeStep(suite: OcraSuite, epochMs: number): number {
  if (suite.timeStepS === 0) throw new OcraInputError('the suite has no time step (T)');
  return Math.floor(epochMs / (suite.timeStepS * 1000));
}

/** The P value: the suite's PIN hash of a PIN string. */
export function ocraPinHash(suite: OcraSuite, pin: string): Buffer {
  if (suite.pin === null) throw new OcraInputError('the suite has no PIN (P)');
  return createHash(suite.pin.toLowerCase()).update(pin, 'utf8').digest();
}

const ALPHABETS: Readonly<Record<ChallengeSpec['format'], string>> = {
  N: '0123456789', H: '0123456789ABCDEF', A: '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ',
};

/**
 * A challenge of the suite's format and length from injected randomness. Two random bytes per
 * character, reduced modulo the alphabet (bias below 36/65536).
 */
export function generateChallenge(spec: ChallengeSpec, random: { bytes(n: number): Buffer }): string {
  const alphabet = ALPHABETS[spec.format];
  const bytes = random.bytes(spec.length * 2);
  let out = '';
  for (let i = 0; i < spec.length; i++) out += alphabet[bytes.readUInt16BE(i * 2) % alphabet.length];
  return out;
}
