// The ordered list of store migrations (spec: design.md "store"); openStore runs them at start.
import { InitialSchema1750000000000 } from './1750000000000-initial-schema.js';
import { ApiKeysReplyAttributes1760000000000 } from './1760000000000-api-keys-reply-attributes.js';
import { KeyedFailureTags1765000000000 } from './1765000000000-keyed-failure-tags.js';
import { RadiusClients1770000000000 } from './1770000000000-radius-clients.js';
import { BearerDigests1770000000016 } from './1770000000016-bearer-digests.js';
import { UserBackendAuth1780000000019 } from './1780000000019-user-backend-auth.js';

export const MIGRATIONS = [
  InitialSchema1750000000000, ApiKeysReplyAttributes1760000000000, KeyedFailureTags1765000000000, RadiusClients1770000000000,
  BearerDigests1770000000016, UserBackendAuth1780000000019,
];
