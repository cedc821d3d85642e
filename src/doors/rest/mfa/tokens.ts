// Bearer tokens of the MFA initialisation API (spec: other-frontends.md §3): 32 random bytes as
// base64url, stored in the shared pending store (kind `rest-token`) under their SHA-256 only, so any
// node answers them and a store dump reveals none. `partial` allows the MFA calls; `full` is the result.
import type { IncomingMessage } from 'node:http';
import type { PendingRecord } from '../../../engine/ports.js';
import { bearerKey } from '../../../store/bearer-digest.js';
import type { RestContext } from '../context.js';
import { bearer } from '../params.js';
import { ApiError } from './http.js';

export type Stage = 'partial' | 'full';

export interface TokenClaims {
  readonly key: string;
  readonly stage: Stage;
  readonly userId: string;
  readonly domain: string;
  readonly userRef: string | null;
  readonly expiresAt: number;
}

const TOKEN_BYTES = 32;
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;
const keyOf = (token: string): string => bearerKey('rest-token', token);

export interface Issued { readonly token: string; readonly tokenType: 'Bearer'; readonly stage: Stage; readonly expiresIn: number }

export async function issueToken(ctx: RestContext, stage: Stage, who: Omit<TokenClaims, 'key' | 'stage' | 'expiresAt'>): Promise<Issued> {
  const token = ctx.random.bytes(TOKEN_BYTES).toString('base64url');
  const ttlS = stage === 'partial' ? ctx.partialTokenTtlS : ctx.tokenTtlS;
  const now = ctx.clock.now();
  await ctx.store.create({
    key: keyOf(token), kind: 'rest-token', userRef: who.userRef, authenticatorRef: null, componentType: ctx.componentType,
    createdAt: now, expiresAt: now + ttlS * 1000, payload: { stage, userId: who.userId, domain: who.domain }, state: 'open',
  });
  return { token, tokenType: 'Bearer', stage, expiresIn: ttlS };
}

const INVALID = (why: string) => new ApiError(401, 'invalid-token', why);

function claimsOf(r: PendingRecord): TokenClaims | undefined {
  const { stage, userId, domain } = r.payload;
  if (r.kind !== 'rest-token' || (stage !== 'partial' && stage !== 'full') || typeof userId !== 'string' || typeof domain !== 'string') return undefined;
  return { key: r.key, stage, userId, domain, userRef: r.userRef, expiresAt: r.expiresAt };
}

/** The claims of the request's bearer token; 401 unless it is live, unused and of this stage. */
export async function requireToken(ctx: RestContext, req: IncomingMessage, stage: Stage | 'any'): Promise<TokenClaims> {
  const token = bearer(req);
  if (token === undefined) throw INVALID('send Authorization: Bearer <token> (from POST /authentication)');
  const record = TOKEN_FORMAT.test(token) ? await ctx.store.find(keyOf(token)) : null;
  const claims = record ? claimsOf(record) : undefined;
  if (!record || !claims || record.state !== 'open') throw INVALID('unknown or already used token');
  if (ctx.clock.now() >= record.expiresAt) throw INVALID('the token has expired');
  if (stage !== 'any' && claims.stage !== stage) throw INVALID(`this call needs a ${stage} token`);
  return claims;
}

/** Ends a partial token once it was exchanged for a full one; false when another call did first. */
export const consumeToken = (ctx: RestContext, claims: TokenClaims): Promise<boolean> => ctx.store.transition(claims.key, 'open', 'used');
