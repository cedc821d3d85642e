// The stored form of a bearer secret (issue 16: nothing in the store may let its reader recover a live
// session): admin session ids, REST MFA tokens and hashqr links are kept under `<kind>:<SHA-256 hex>`
// and looked up by the digest of what the client presents. They are 128+ random bits, so a plain
// digest cannot be reversed by guessing; no salt or key is needed.
import { createHash } from 'node:crypto';

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const bearerKey = (kind: string, secret: string): string => `${kind}:${sha256Hex(secret)}`;
