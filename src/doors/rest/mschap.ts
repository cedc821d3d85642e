// MS-CHAPv2 fields of the RADIUS connector (spec: other-frontends.md §4), parsed into the engine's proof.
// mschap_challenge: MS-CHAP-Challenge, 16 bytes in hex; mschap_response: MS-CHAP2-Response, 50 bytes in hex
// (Ident, Flags, Peer-Challenge 16, Reserved 8, NT-Response 24) or 49 without Ident; "0x" prefix allowed.
import type { MsChapV2Proof } from '../../domain/request.js';

export type MschapParse = { ok: true; value: MsChapV2Proof } | { ok: false; error: string };

const HEX = /^(?:0[xX])?((?:[0-9A-Fa-f]{2})+)$/;
const CHALLENGE_BYTES = 16;
/** MS-CHAP2-Response (RFC 2548 §2.3.2) with its Ident; without it, one byte less. */
const RESPONSE_BYTES = 50;
const PEER_CHALLENGE_AT = 2;
const NT_RESPONSE_AT = 26;
const NT_RESPONSE_BYTES = 24;

/** The bytes of a hex string (optionally "0x"-prefixed) of exactly one of the given lengths. */
function bytes(value: unknown, lengths: readonly number[]): Buffer | undefined {
  if (typeof value !== 'string') return undefined;
  const m = HEX.exec(value);
  if (!m || !lengths.includes(m[1]!.length / 2)) return undefined;
  return Buffer.from(m[1]!, 'hex');
}

/**
 * The user name the peer hashed: the login without an NT domain prefix (`DOMAIN\user` → `user`); a
 * `user@realm` login is hashed whole, as Windows and FreeRADIUS do.
 */
export function mschapUserName(login: string): string {
  return login.slice(login.lastIndexOf('\\') + 1);
}

/**
 * Both fields, or neither (then call nothing: it is a PAP request). Ident, Flags and Reserved are not
 * checked; the proof is only as good as the NT-Response, which the engine tests against each OTP. An
 * MS-CHAPv1 exchange (an 8-byte challenge) is refused by the challenge's length.
 */
export function parseMschap(body: { login: string; mschap_challenge?: unknown; mschap_response?: unknown }): MschapParse {
  const challenge = bytes(body.mschap_challenge, [CHALLENGE_BYTES]);
  if (!challenge) return { ok: false, error: 'mschap_challenge: the MS-CHAPv2 authenticator challenge (MS-CHAP-Challenge, 16 bytes) in hex required' };
  const response = bytes(body.mschap_response, [RESPONSE_BYTES, RESPONSE_BYTES - 1]);
  if (!response) return { ok: false, error: 'mschap_response: the MS-CHAPv2 response (MS-CHAP2-Response, 50 bytes, or 49 without the Ident) in hex required' };
  const at = response.length === RESPONSE_BYTES ? 0 : -1;
  const userName = mschapUserName(body.login);
  if (userName === '') return { ok: false, error: 'login: a user name after the MS-CHAPv2 domain prefix required' };
  return {
    ok: true,
    value: {
      userName,
      authenticatorChallenge: challenge,
      peerChallenge: Buffer.from(response.subarray(at + PEER_CHALLENGE_AT, at + PEER_CHALLENGE_AT + CHALLENGE_BYTES)),
      ntResponse: Buffer.from(response.subarray(at + NT_RESPONSE_AT, at + NT_RESPONSE_AT + NT_RESPONSE_BYTES)),
    },
  };
}
