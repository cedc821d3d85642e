// Configuration: defaults, environment over file, validation errors that name the key, frozen result.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadConfig, ConfigError } from '../../src/config/load.js';
import { parseClock } from '../../src/runtime/clock.js';

describe('configuration', () => {
  it('uses the documented defaults', () => {
    const c = loadConfig({});
    expect(c.httpPort).to.equal(8888);
    expect(c.database).to.equal('sqlite:data/countersign.db');
    expect(c.demo).to.equal(true);
  });
  it('takes the environment over the config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-config-'));
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ httpPort: 9000, logLevel: 'warn' }));
    const c = loadConfig({ COUNTERSIGN_CONFIG: file, COUNTERSIGN_HTTP_PORT: '9100' });
    expect(c.httpPort).to.equal(9100);
    expect(c.logLevel).to.equal('warn');
  });
  it('names the bad key when a value is invalid', () => {
    expect(() => loadConfig({ COUNTERSIGN_HTTP_PORT: 'eighty' })).to.throw(ConfigError, /COUNTERSIGN_HTTP_PORT/);
    expect(() => loadConfig({ COUNTERSIGN_DATABASE: 'mysql://x' })).to.throw(ConfigError, /COUNTERSIGN_DATABASE/);
    expect(() => loadConfig({ COUNTERSIGN_DEMO: 'maybe' })).to.throw(ConfigError, /COUNTERSIGN_DEMO/);
  });
  it('refuses unknown keys in the config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-config-'));
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ htpPort: 1 }));
    expect(() => loadConfig({ COUNTERSIGN_CONFIG: file })).to.throw(ConfigError, /htpPort/);
  });
  it('is frozen', () => {
    expect(Object.isFrozen(loadConfig({}))).to.equal(true);
  });
});

describe('clock setting', () => {
  const system = () => 1_000_000;
  it('is real time when unset', () => {
    expect(parseClock(null, system).clock.now()).to.equal(1_000_000);
  });
  it('freezes at an ISO-8601 instant', () => {
    const s = parseClock('2026-01-01T00:00:00Z', system);
    expect(s.clock.now()).to.equal(Date.UTC(2026, 0, 1));
    expect(s.real).to.equal(false);
  });
  it('shifts by an offset', () => {
    expect(parseClock('+90s', system).clock.now()).to.equal(1_090_000);
    expect(parseClock('-2m', system).clock.now()).to.equal(880_000);
  });
  it('refuses anything else with a clear message', () => {
    expect(() => parseClock('tomorrow', system)).to.throw(/COUNTERSIGN_CLOCK/);
  });
});
