// MUTANT: debit and credit as two awaited incr calls, so a read between them sees the money in neither account
// The race of buggy.ts is gone (no balance is read into the worker), which is why this looks done:
// every transfer is eventually complete. But for the time between the two calls the debit has
// happened and the credit has not, and any reader in that window sees money that is nowhere.
import { defineVariant } from '../../../harness/contract.js';
import { balanceKey, bankApp, fraudCheck } from '../bank.js';

export default defineVariant(({ store }) => bankApp(store, async (transfer) => {
  const { from, to, amount } = transfer;
  await fraudCheck(transfer);
  // MUTANT: two store operations, each atomic, the pair not: a transfer is half done in between
  // (and a worker that dies here destroys the money for good).
  await store.incr(balanceKey(from), -amount);
  await store.incr(balanceKey(to), amount);
}));
