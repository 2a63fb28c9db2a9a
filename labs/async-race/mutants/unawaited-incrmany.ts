// MUTANT: the atomic incrMany is sent but not awaited, so the transfer is acknowledged before the store applied it
// The right operation, and a forgotten `await` (or a `void` to silence the linter). Against a fast
// store the write lands before anybody looks; against a slow one a client that was told "done"
// reads balances without its transfer.
import { defineVariant } from '../../../harness/contract.js';
import { balanceKey, bankApp, fraudCheck } from '../bank.js';

export default defineVariant(({ store }) => bankApp(store, async (transfer) => {
  const { from, to, amount } = transfer;
  await fraudCheck(transfer);
  // MUTANT: fire and forget: the 200 goes out while the transfer is still on its way to the store.
  void store.incrMany({ [balanceKey(from)]: -amount, [balanceKey(to)]: amount });
}));
