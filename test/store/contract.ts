// Store contract suite (spec: flows.md §1, §3, §4; design.md "one test suite run against every
// database"): every Store implementation must pass the same cases. Used by contract.test.ts.
import type { Store } from '../../src/store/store.js';
import { auditRetentionCases } from './contract-audit.js';
import { clientAdminCases } from './contract-clients.js';
import { identityCases } from './contract-identity.js';
import { recordCases } from './contract-records.js';
import { stateCases } from './contract-state.js';
import { virtualCases } from './contract-virtual.js';
import { TestClock, type ContractExtras } from './contract-support.js';

export { FAST_HASHER, SECRET, TestClock, type ContractExtras } from './contract-support.js';

export function runStoreContract(name: string, open: (clock: TestClock) => Promise<Store>, extras: ContractExtras = {}): void {
  describe(`store contract: ${name}`, function () {
    let store: Store;
    let clock: TestClock;
    beforeEach(async () => { clock = new TestClock(); store = await open(clock); });
    afterEach(async () => { await store.close(); });
    const ctx = () => store;

    identityCases(ctx, extras);
    stateCases(ctx);
    recordCases(ctx, () => clock);
    clientAdminCases(ctx, extras);
    virtualCases(ctx);
    auditRetentionCases(ctx);
  });
}
