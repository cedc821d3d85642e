// The actions of `countersign apikey create|list|revoke` (definitions in apikey.ts, loaded only when one
// runs). A new key is printed once and only its SHA-256 digest is stored; `list` never shows keys.
import { createApiKey, listApiKeys, revokeApiKey, type ApiKeyView, type CreatedApiKey } from '../../admin/api-keys.js';
import { report, withApp, type OutputOptions } from './admin-run.js';

const describeKey = (k: ApiKeyView): string => `${k.name}  created ${k.createdAt}${k.revokedAt ? `  revoked ${k.revokedAt}` : ''}`;

const describeCreated = (k: CreatedApiKey): string =>
  `${k.key}\n(API key "${k.name}": shown this once; only its SHA-256 digest is stored)`;

export const apiKeyActions = {
  create: (name: string, o: OutputOptions) => withApp(async (app) => report(app, await createApiKey(app.admin, name), o, describeCreated)),
  list: (o: OutputOptions) => withApp(async (app) => {
    report(app, await listApiKeys(app.admin), o, (keys) => keys.map(describeKey).join('\n') || '(no API keys)');
  }),
  revoke: (name: string, o: OutputOptions) => withApp(async (app) => report(app, await revokeApiKey(app.admin, name), o, describeKey)),
};
