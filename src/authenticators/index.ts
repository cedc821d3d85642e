// The registry of authenticator kinds (spec: flows.md §1): flows ask for a kind's module, or filter by
// capability; they never branch on the kind themselves.
import type { AuthenticatorKind } from '../domain/model.js';
import type { AuthenticatorKindModule } from './kind.js';
import { hotpKind } from './hotp.js';
import { ocraKind } from './ocra.js';
import { pushKind } from './push.js';
import { totpKind } from './totp.js';
import { virtualKind } from './virtual.js';

export type { AuthenticatorKindModule, Capabilities, VerifyContext, VerifyResult } from './kind.js';
export { challengeFits, challengeSpecOf, suiteOf } from './ocra.js';

const KINDS: Readonly<Record<AuthenticatorKind, AuthenticatorKindModule>> = Object.freeze({
  hotp: hotpKind, totp: totpKind, ocra: ocraKind, push: pushKind, virtual: virtualKind,
});

export const ALL_KINDS: readonly AuthenticatorKindModule[] = Object.freeze(Object.values(KINDS));

export function kindOf(kind: AuthenticatorKind): AuthenticatorKindModule {
  const module = KINDS[kind];
  if (module === undefined) throw new Error(`unknown authenticator kind "${String(kind)}"`);
  return module;
}
