// Loads the RFC test vectors of fixtures/vectors/ for the OTP and authenticator tests.
import { readFileSync } from 'node:fs';

/** Repository root seen from dist/test/<folder>/ (compiled) — fixtures are not compiled. */
const ROOT = new URL('../../../', import.meta.url);

export function loadVectors<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`fixtures/vectors/${name}`, ROOT), 'utf8')) as T;
}

export interface HotpVectors {
  secret: string; algorithm: 'SHA1'; digits: number;
  cases: { counter: number; hmac: string; truncated: number; hotp: string }[];
}

export interface TotpVectors {
  period: number; digits: number;
  seeds: Record<'SHA1' | 'SHA256' | 'SHA512', string>;
  cases: { time: number; step: string; algorithm: 'SHA1' | 'SHA256' | 'SHA512'; totp: string }[];
}

export interface OcraVectors {
  groups: {
    section: string; suite: string; key: string;
    cases: { question: string; counter?: number; pin?: string; timeStep?: string; response: string }[];
  }[];
}
