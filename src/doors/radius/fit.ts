// Keeping an answer within RFC 2865's 4096 octets (issue 16): Proxy-State attributes must be copied
// unchanged (§5.33), so a request filled up to the limit with them leaves little room. Reply-Message
// text is the part that gives way (trimmed, then dropped); an answer whose other attributes cannot
// fit becomes a bare Access-Reject, which always fits: the request carried at least as much.
import { ATTR, AUTHENTICATOR_LENGTH, CODE, HEADER_LENGTH, MAX_PACKET_LENGTH } from './dictionary.js';
import type { OutAttribute } from './packet.js';

const size = (list: readonly OutAttribute[]): number => list.reduce((n, a) => n + 2 + a.value.length, 0);

/** The code and attributes to sign: the reply's own, then the request's Proxy-States, within 4096 octets. */
export function fitAnswer(code: number, reply: readonly OutAttribute[], proxyStates: readonly OutAttribute[]): { code: number; attributes: OutAttribute[] } {
  let room = MAX_PACKET_LENGTH - HEADER_LENGTH - (2 + AUTHENTICATOR_LENGTH) - size(proxyStates)
    - size(reply.filter((a) => a.type !== ATTR.REPLY_MESSAGE));
  if (room < 0) return { code: CODE.ACCESS_REJECT, attributes: [...proxyStates] };
  const attributes: OutAttribute[] = [];
  for (const a of reply) {
    if (a.type !== ATTR.REPLY_MESSAGE) { attributes.push(a); continue; }
    if (room <= 2) continue;
    const value = a.value.length + 2 <= room ? a.value : a.value.subarray(0, room - 2);
    attributes.push({ type: a.type, value });
    room -= 2 + value.length;
  }
  return { code, attributes: [...attributes, ...proxyStates] };
}
