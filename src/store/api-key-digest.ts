// The stored form of a REST API key (spec: other-frontends.md §2, §4; issue 7): the SHA-256 hex digest.
// The key itself is shown once when created and never stored.
import { sha256Hex } from './bearer-digest.js';

export const apiKeyDigest = (key: string): string => sha256Hex(key);
