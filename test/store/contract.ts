// Store contract suite (spec: flows.md §1, §3, §4; design.md "one test suite run against every
// database"): every Store implementation must pass the same cases. Used by contract.test.ts.
import type { Store } from '../../src/store/store.js';
import { identityCases } from './contract-identity.js';
import { stateCases } from './contract-state.js';
import type { ContractExtras } from './contract-support.js';

export { FAST_HASHER, SECRET, type ContractExtras } from './contract-support.js';

export function runStoreContract(name: string, open: () => Promise<Store>, extras: ContractExtras = {}): void {
  describe(`store contract: ${name}`, function () {
    let store: Store;
    beforeEach(async () => { store = await open(); });
    afterEach(async () => { await store.close(); });
    const ctx = () => store;

    identityCases(ctx, extras);
    stateCases(ctx);
  });
}
