// What the REST doors need from the composition root (spec: other-frontends.md §2, §3, §4).
import type { StatusCatalogue } from '../../domain/status.js';
import type { AuthEngine } from '../../engine/engine.js';
import type { MfaEngine } from '../../engine/mfa.js';
import type { Clock, Randomness, SecretHasher } from '../../engine/ports.js';
import type { Logger } from '../../runtime/logger.js';
import type { Store } from '../../store/store.js';
import type { ApiKeys } from './keys.js';

export interface RestContext {
  readonly engine: AuthEngine;
  readonly store: Store;
  readonly hasher: SecretHasher;
  readonly clock: Clock;
  readonly random: Randomness;
  readonly catalogue: StatusCatalogue;
  readonly log: Logger;
  readonly apiKeys: ApiKeys;
  /** The component type (client record) REST requests present to the engine. */
  readonly componentType: string;
  /** The domain users enrolled through the appliance API live in. */
  readonly domain: string;
  /** Issuer shown by authenticator apps. */
  readonly issuer: string;
  readonly maxBodyBytes: number;
  readonly tls: boolean;
  /** Base URL for hashqr links; empty to use the request's Host header. */
  readonly publicUrl: string;
  /** The MFA initialisation API (§3): password login and second-factor choice in the engine. */
  readonly mfa: MfaEngine;
  /** Lifetimes of the MFA API's partial and full bearer tokens, in seconds. */
  readonly partialTokenTtlS: number;
  readonly tokenTtlS: number;
  /** Further parts of /openapi.json (the console API, when it is on): paths, schemas and security schemes. */
  readonly openapiParts?: { readonly paths: object; readonly schemas: object; readonly securitySchemes?: object };
}
