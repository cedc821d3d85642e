// What `serve` says about where it listens (issue 17): the address actually bound (0.0.0.0 is shown
// as 0.0.0.0, all interfaces, not as 127.0.0.1), and the warnings an exposed listener deserves: demo
// data on a non-loopback address (its admin password and API key are published), and plain HTTP
// on a non-loopback address (PINs, OTPs and admin passwords cross the network in clear).
import type { AddressInfo } from 'node:net';
import { isIPv4, isIPv6 } from 'node:net';

/** True for 127.0.0.0/8, ::1 (and their IPv4-mapped form) and `localhost`. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h)?.[1] ?? h;
  return isIPv4(v4) && v4.startsWith('127.');
}

/** `http://0.0.0.0:8888/`, `https://[::1]:8443/`: the scheme and the bound address and port. */
export function boundUrl(address: AddressInfo | string | null, tls: boolean): string {
  if (address === null || typeof address === 'string') return String(address);
  const host = isIPv6(address.address) ? `[${address.address}]` : address.address;
  return `${tls ? 'https' : 'http'}://${host}:${address.port}/`;
}

/** A note on what a wildcard address means, e.g. ` (all IPv4 interfaces)`; empty otherwise. */
export function wildcardNote(address: string): string {
  if (address === '0.0.0.0') return ' (all IPv4 interfaces)';
  if (address === '::') return ' (all interfaces)';
  return '';
}

export interface Exposure {
  readonly httpHost: string;
  readonly tls: boolean;
  readonly demoPresent: boolean;
}

/** The start-up warnings for how the HTTP listener is exposed (none on loopback). */
export function exposureWarnings(e: Exposure): string[] {
  if (isLoopback(e.httpHost)) return [];
  if (e.demoPresent) {
    return [`WARNING: demo data is present and the server listens on ${e.httpHost}, not only on loopback: the demo administrator's password `
      + 'and the demo REST API key are published, so anyone who reaches this address can administer it; set COUNTERSIGN_HTTP_HOST=127.0.0.1, '
      + 'or use a store without demo data (COUNTERSIGN_DEMO=0 on a new store)'];
  }
  if (!e.tls) {
    return [`WARNING: no TLS on ${e.httpHost} (not loopback): PINs, OTPs and administrator passwords cross the network in clear; `
      + 'set COUNTERSIGN_TLS_KEY_FILE and COUNTERSIGN_TLS_CERT_FILE, or put a TLS proxy in front and listen on 127.0.0.1'];
  }
  return [];
}
