// The transfer as one operation of the store: nothing is read into the worker, so there is nothing
// another request could overwrite.
import { defineVariant } from '../../harness/contract.js';
import { balanceKey, bankApp, fraudCheck } from './bank.js';

export default defineVariant(({ store }) => bankApp(store, async (transfer) => {
  const { from, to, amount } = transfer;
  // The fraud check may await as long as it likes: it no longer sits between a read and a write.
  await fraudCheck(transfer);
  // FIX: debit and credit in one atomic store operation (the primary applies it in one go; Redis runs
  // it as one script). Both happen or neither, and no other transfer can slip in between.
  await store.incrMany({ [balanceKey(from)]: -amount, [balanceKey(to)]: amount });
}));
