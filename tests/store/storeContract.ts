// The storage contract: one set of tests that every implementation of the stores must pass
// (in the spirit of tldraw's storage tests), so a second database is a second run of the same
// suite. `describeStoreContract` registers them for a factory; tests/integration/store.*.test.ts
// run it against SQLite and PostgreSQL.
import { afterAll, beforeAll, describe } from 'vitest';
import { accountTests } from './contract/accounts';
import { barrierTests } from './contract/barrier';
import type { ContractContext, StoreFactory, StoreUnderTest } from './contract/context';
import { followUpTests } from './contract/followups';
import { peopleTests } from './contract/people';
import { recordTests } from './contract/records';
import { responseTests } from './contract/responses';
import { textTests } from './contract/text';
import { transactionTests } from './contract/transactions';

export type { StoreFactory, StoreUnderTest } from './contract/context';

/** Registers the whole contract for stores made by `factory` (one database for the file). */
export function describeStoreContract(name: string, factory: StoreFactory): void {
  describe(`store contract: ${name}`, () => {
    let subject: StoreUnderTest | null = null;
    const context: ContractContext = {
      get subject() {
        if (!subject) throw new Error('the store is not open yet');
        return subject;
      },
      get store() {
        return context.subject.store;
      },
    };
    beforeAll(async () => {
      subject = await factory();
    });
    afterAll(async () => {
      await subject?.dispose();
    });

    accountTests(context);
    responseTests(context);
    recordTests(context);
    textTests(context);
    followUpTests(context);
    peopleTests(context);
    transactionTests(context);
    barrierTests(context);
  });
}
