// MUTANT: debit and credit as two incr calls sent at once with Promise.all, which is not one operation
// Looks atomic ("they go out together") and is faster than two awaits. But they are two messages:
// the store may apply them at different moments (and does, when it is slow or far away), and a
// read in between sees half a transfer.
import { defineVariant } from '../../../harness/contract.js';
import { balanceKey, bankApp, fraudCheck } from '../bank.js';

export default defineVariant(({ store }) => bankApp(store, async (transfer) => {
  const { from, to, amount } = transfer;
  await fraudCheck(transfer);
  // MUTANT: concurrent is not atomic; nothing keeps another operation from landing between these two.
  await Promise.all([store.incr(balanceKey(from), -amount), store.incr(balanceKey(to), amount)]);
}));
