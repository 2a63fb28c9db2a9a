// MUTANT: debits first, runs the fraud check, then credits: the money is in no account while the check runs
// Written by someone who wants the money "reserved" while the check runs (and would refund it on a
// failed check). Each step is an atomic increment, so nothing is overwritten; but for every
// transfer, for as long as the fraud check takes, the bank's books are short by its amount.
import { defineVariant } from '../../../harness/contract.js';
import { balanceKey, bankApp, fraudCheck } from '../bank.js';

export default defineVariant(({ store }) => bankApp(store, async (transfer) => {
  const { from, to, amount } = transfer;
  // MUTANT: the debit and the credit are two operations with an await between them.
  await store.incr(balanceKey(from), -amount);
  await fraudCheck(transfer);
  await store.incr(balanceKey(to), amount);
}));
