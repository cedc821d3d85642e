// LDAP / Active Directory as the "target system" of a user password (spec: other-frontends.md §1):
// bind as the user (DN from a template, or found by a search on one reused service connection), with
// connect and operation timeouts and a pool of reused bind connections. A directory that does not
// answer in time is `unreachable`, never a hung request.
import { Client, InvalidCredentialsError, ResultCodeError } from 'ldapts';
import type { ConnectionOptions } from 'node:tls';
import type { PasswordDirectory } from '../engine/ports.js';
import { escapeDnValue, escapeFilterValue, fillTemplate, type DirectoryUser } from './escape.js';

export type DirectoryVerdict = Awaited<ReturnType<PasswordDirectory['verify']>>;

export interface LdapOptions {
  readonly url: string;
  /** `{user}`/`{domain}` template of the user's DN; null = search under searchBase, then bind. */
  readonly bindDn: string | null;
  readonly searchBase: string | null;
  readonly searchFilter: string;
  readonly serviceDn: string | null;
  readonly servicePassword: string | null;
  readonly connectTimeoutMs: number;
  readonly timeoutMs: number;
  readonly poolSize: number;
  readonly tlsOptions?: ConnectionOptions;
}

export interface DirectoryLog { warn(obj: object, msg: string): void }

/** Result codes that say "these credentials do not authenticate this user" (RFC 4511 appendix A). */
const WRONG_CODES = new Set([32, 34, 48, 49, 50, 53]);

export class LdapDirectory implements PasswordDirectory {
  private readonly idle: Client[] = [];
  private searcher: Promise<Client> | undefined;
  private closed = false;

  constructor(private readonly opts: LdapOptions, private readonly log: DirectoryLog = { warn: () => undefined }) {
    if (!opts.bindDn && !opts.searchBase) throw new Error('LDAP: set a bind DN template or a search base');
  }

  /** An empty password is always wrong: an empty simple bind is an anonymous bind (RFC 4513 §5.1.2). */
  async verify(user: DirectoryUser, password: string): Promise<DirectoryVerdict> {
    if (password === '' || this.closed) return password === '' ? 'wrong' : 'unreachable';
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<DirectoryVerdict>((ok) => {
      timer = setTimeout(() => ok('unreachable'), this.opts.connectTimeoutMs + this.opts.timeoutMs);
    });
    try {
      return await Promise.race([this.attempt(user, password), deadline]);
    } finally { clearTimeout(timer); }
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.idle.splice(0), ...(this.searcher ? [await this.searcher.catch(() => undefined)] : [])];
    this.searcher = undefined;
    await Promise.all(all.map((c) => c?.unbind().catch(() => undefined)));
  }

  private async attempt(user: DirectoryUser, password: string): Promise<DirectoryVerdict> {
    try {
      const dn = await this.userDn(user);
      return dn === undefined ? 'wrong' : await this.bindAs(dn, password);
    } catch (e) {
      return this.classify(e);
    }
  }

  private classify(e: unknown): DirectoryVerdict {
    if (e instanceof InvalidCredentialsError || (e instanceof ResultCodeError && WRONG_CODES.has(e.code))) return 'wrong';
    this.log.warn({ error: { name: (e as Error)?.name, message: (e as Error)?.message } }, 'LDAP directory unreachable or refusing');
    return 'unreachable';
  }

  private client(autoRebind = false): Client {
    const { url, timeoutMs: timeout, connectTimeoutMs: connectTimeout, tlsOptions } = this.opts;
    return new Client({ url, timeout, connectTimeout, tlsOptions, autoRebind, strictDN: false });
  }

  private async userDn(user: DirectoryUser): Promise<string | undefined> {
    if (this.opts.bindDn) return fillTemplate(this.opts.bindDn, user, escapeDnValue);
    const searcher = await this.searchClient();
    try {
      const filter = fillTemplate(this.opts.searchFilter, user, escapeFilterValue);
      const { searchEntries } = await searcher.search(this.opts.searchBase!, { scope: 'sub', filter, attributes: ['1.1'], sizeLimit: 2 });
      return searchEntries.length === 1 ? searchEntries[0].dn : undefined;
    } catch (e) {
      if (!(e instanceof ResultCodeError) || !WRONG_CODES.has(e.code)) this.dropSearcher();
      throw e;
    }
  }

  /** One reused, service-bound connection for searches (ldapts multiplexes concurrent searches on it). */
  private searchClient(): Promise<Client> {
    this.searcher ??= (async () => {
      const c = this.client(true);
      if (this.opts.serviceDn) {
        await c.bind(this.opts.serviceDn, this.opts.servicePassword ?? '').catch((e: Error) => {
          void c.unbind().catch(() => undefined);
          throw new Error(`service bind as ${this.opts.serviceDn} failed: ${e.message}`);
        });
      }
      return c;
    })().catch((e: unknown) => { this.searcher = undefined; throw e; });
    return this.searcher;
  }

  private dropSearcher(): void {
    const old = this.searcher;
    this.searcher = undefined;
    void old?.then((c) => c.unbind()).catch(() => undefined);
  }

  /** A bind on an idle pooled connection (or a new one); a connection that failed is closed, not pooled. */
  private async bindAs(dn: string, password: string): Promise<DirectoryVerdict> {
    const c = this.idle.pop() ?? this.client();
    let reusable = false;
    try {
      await c.bind(dn, password);
      reusable = true;
      return 'ok';
    } catch (e) {
      reusable = e instanceof ResultCodeError;
      throw e;
    } finally {
      if (reusable && c.isConnected && !this.closed && this.idle.length < this.opts.poolSize) this.idle.push(c);
      else void c.unbind().catch(() => undefined);
    }
  }
}
