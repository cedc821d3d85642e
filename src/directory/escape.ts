// Escaping of user input put into LDAP names and filters (RFC 4514 §2.4, RFC 4515 §3), and the
// `{user}` / `{domain}` templates of the LDAP target system (spec: other-frontends.md §1).

/** RFC 4514: escape `,+"\<>;=` and NUL anywhere, `#` or space first, space last. */
export function escapeDnValue(value: string): string {
  let out = value.replace(/[,+"\\<>;=\u0000]/g, (c) => (c === '\u0000' ? '\\00' : `\\${c}`));
  if (out.startsWith('#') || out.startsWith(' ')) out = `\\${out}`;
  if (out.endsWith(' ') && !out.endsWith('\\ ')) out = `${out.slice(0, -1)}\\ `;
  return out;
}

/** RFC 4515: `*`, `(`, `)`, `\` and NUL as \XX hex escapes. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[*()\\\u0000]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export interface DirectoryUser { readonly domain: string; readonly userId: string }

export function fillTemplate(template: string, user: DirectoryUser, escape: (v: string) => string): string {
  return template.replace(/\{(user|domain)\}/g, (_m, name: string) => escape(name === 'user' ? user.userId : user.domain));
}
