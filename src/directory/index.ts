// The target system for user passwords from configuration (spec: other-frontends.md §1): an LDAP
// directory when COUNTERSIGN_LDAP_URL is set, otherwise none (policies use the stored password).
import { ConfigError } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { LdapDirectory, type DirectoryLog } from './ldap.js';

export { LdapDirectory, type DirectoryVerdict, type LdapOptions } from './ldap.js';

export function directoryFromConfig(config: Config, log?: DirectoryLog): LdapDirectory | undefined {
  if (!config.ldapUrl) return undefined;
  if (!config.ldapBindDn && !config.ldapSearchBase) {
    throw new ConfigError('COUNTERSIGN_LDAP_URL is set: also set COUNTERSIGN_LDAP_BIND_DN (bind DN template) or COUNTERSIGN_LDAP_SEARCH_BASE (search, then bind)');
  }
  return new LdapDirectory({
    url: config.ldapUrl, bindDn: config.ldapBindDn, searchBase: config.ldapSearchBase, searchFilter: config.ldapSearchFilter,
    serviceDn: config.ldapServiceDn, servicePassword: config.ldapServicePassword,
    connectTimeoutMs: config.ldapConnectTimeoutMs, timeoutMs: config.ldapTimeoutMs, poolSize: config.ldapPoolSize,
  }, log);
}
