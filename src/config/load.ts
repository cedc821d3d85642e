// Loads configuration once: defaults < optional JSON file (COUNTERSIGN_CONFIG) < environment.
// Every value is validated; an error names the bad key and its source. The result is frozen.
import { readFileSync } from 'node:fs';
import { SCHEMA, type Config } from './schema.js';

export class ConfigError extends Error {}

function readFile(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch { throw new ConfigError(`COUNTERSIGN_CONFIG: cannot read "${path}"; create it or unset the variable`); }
  try { return JSON.parse(text) as Record<string, unknown>; } catch (e) { throw new ConfigError(`COUNTERSIGN_CONFIG: "${path}" is not valid JSON (${(e as Error).message})`); }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Record<keyof Config, unknown>> = {}): Config {
  const file = readFile(env.COUNTERSIGN_CONFIG);
  for (const key of Object.keys(file)) {
    if (!(key in SCHEMA)) throw new ConfigError(`config file: unknown key "${key}" (known: ${Object.keys(SCHEMA).join(', ')})`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(SCHEMA)) {
    const [raw, source] = key in overrides ? [overrides[key as keyof Config], 'option']
      : env[setting.env] !== undefined ? [env[setting.env], setting.env]
      : key in file ? [file[key], `config file key ${key}`] : [undefined, 'default'];
    if (raw === undefined) { out[key] = setting.default; continue; }
    try { out[key] = (setting.parse as (r: unknown) => unknown)(raw); } catch (e) {
      const fix = source === 'option' ? '' : source === setting.env ? `; fix ${setting.env} or unset it (default: ${JSON.stringify(setting.default)})` : `; fix the key ${key} in COUNTERSIGN_CONFIG`;
      throw new ConfigError(`${source}: ${(e as Error).message}${fix}`);
    }
  }
  return Object.freeze(out) as Config;
}
