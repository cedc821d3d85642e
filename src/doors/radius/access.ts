// Access-Request attributes → what the user presented (spec: other-frontends.md §1): one User-Name
// (`user` or `user@domain`), one PAP User-Password, at most one State. CHAP and EAP are refused: PAP only.
import type { StatusKey } from '../../domain/status.js';
import type { RadiusClient } from './clients.js';
import { revealPassword } from './crypto.js';
import { ATTR } from './dictionary.js';
import { isUtf8 } from 'node:buffer';
import { countOf, firstOf, type Packet } from './packet.js';
import { BAD_ATTRIBUTE, MAX_STATE_LENGTH, MISSING_ATTRIBUTE, USER_NAME_PATTERN } from './decisions.js';

export interface Presented {
  readonly userId: string;
  readonly domain?: string;
  readonly password: string;
  readonly state?: string;
}

export interface Refusal {
  readonly status: StatusKey;
  readonly detail: string;
  readonly userId?: string;
  readonly domain?: string;
}

export type Read = { readonly ok: true; readonly presented: Presented } | { readonly ok: false; readonly refusal: Refusal };

/** UTF-8 text, or undefined when the bytes are not UTF-8; a leading byte order mark is dropped (as TextDecoder does). */
function text(b: Buffer): string | undefined {
  const body = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? b.subarray(3) : b;
  return isUtf8(body) ? body.toString('utf8') : undefined;
}
const refuse = (status: StatusKey, detail: string, who: { userId?: string; domain?: string } = {}): Read =>
  ({ ok: false, refusal: { status, detail, ...who } });

function single(p: Packet, type: number, name: string): Buffer | Read | undefined {
  if (countOf(p, type) > 1) return refuse(BAD_ATTRIBUTE, `more than one ${name} attribute`);
  return firstOf(p, type)?.value;
}

const isRead = (v: unknown): v is Read => typeof v === 'object' && v !== null && 'ok' in v;

/** The ASCII part of USER_NAME_PATTERN, tested first: most names are ASCII, and a Unicode-property pattern costs more. */
const ASCII_USER_NAME = /^[A-Za-z0-9._@-]+$/;

export function splitUserName(name: string): { userId: string; domain?: string } | undefined {
  if (!ASCII_USER_NAME.test(name) && !USER_NAME_PATTERN.test(name)) return undefined;
  const at = name.lastIndexOf('@');
  if (at < 0) return { userId: name };
  const userId = name.slice(0, at), domain = name.slice(at + 1);
  return userId !== '' && domain !== '' ? { userId, domain } : undefined;
}

function readUser(p: Packet): Read | { userId: string; domain?: string } {
  const raw = single(p, ATTR.USER_NAME, 'User-Name');
  if (isRead(raw)) return raw;
  if (raw === undefined || raw.length === 0) return refuse(MISSING_ATTRIBUTE, 'User-Name is missing');
  const name = text(raw);
  const who = name === undefined ? undefined : splitUserName(name);
  return who ?? refuse(BAD_ATTRIBUTE, 'User-Name may hold only letters, digits, "-", "@", "." and "_" (user or user@domain)');
}

function readPassword(p: Packet, client: RadiusClient, who: { userId: string; domain?: string }): string | Read {
  if (firstOf(p, ATTR.CHAP_PASSWORD)) return refuse(BAD_ATTRIBUTE, 'CHAP is not supported: use PAP', who);
  if (firstOf(p, ATTR.EAP_MESSAGE)) return refuse(BAD_ATTRIBUTE, 'EAP is not supported: use PAP', who);
  const hidden = single(p, ATTR.USER_PASSWORD, 'User-Password');
  if (isRead(hidden)) return refuse(BAD_ATTRIBUTE, 'more than one User-Password attribute', who);
  if (hidden === undefined) return refuse(MISSING_ATTRIBUTE, 'User-Password is missing', who);
  const clear = revealPassword(hidden, client.secret, p.authenticator);
  if (clear === undefined) return refuse(BAD_ATTRIBUTE, 'User-Password must be 16 to 128 octets, a multiple of 16', who);
  const password = text(clear);
  if (password === undefined || password.includes('\u0000')) return refuse(BAD_ATTRIBUTE, 'User-Password is not valid UTF-8 text', who);
  return password;
}

function readState(p: Packet, who: { userId: string; domain?: string }): string | undefined | Read {
  const raw = single(p, ATTR.STATE, 'State');
  if (isRead(raw) || raw === undefined) return raw;
  const state = raw.length <= MAX_STATE_LENGTH ? text(raw) : undefined;
  return state !== undefined && /^[\x21-\x7e]+$/.test(state) ? state : refuse(BAD_ATTRIBUTE, 'State is not one this server issued', who);
}

export function readAccessRequest(p: Packet, client: RadiusClient): Read {
  const who = readUser(p);
  if (isRead(who)) return who;
  const password = readPassword(p, client, who);
  if (isRead(password)) return password;
  const state = readState(p, who);
  if (isRead(state)) return state;
  return { ok: true, presented: { userId: who.userId, domain: who.domain, password, state } };
}
