// MUTANT: optimistic "compare and set" in the worker: re-reads the balances after the fraud check and writes only if unchanged, but the compare and the set are two operations
// The fraud check is no longer between the read and the write that depends on it, and a transfer
// that sees a change starts over. What is left is the gap between the re-read and the write: one
// store round trip, in which another worker (or, with a slow store, this one) writes first.
import { defineVariant } from '../../../harness/contract.js';
import { balanceKey, bankApp, fraudCheck } from '../bank.js';

export default defineVariant(({ store }) => bankApp(store, async (transfer) => {
  const keys = [balanceKey(transfer.from), balanceKey(transfer.to)];
  await fraudCheck(transfer);
  for (;;) {
    const before = await store.getMany(keys);
    const again = await store.getMany(keys);
    if (before.join() !== again.join()) continue; // somebody wrote in between: try again
    const [fromBalance, toBalance] = again.map((v) => Number(v ?? 0));
    // MUTANT: "unchanged" was true when `again` was read, not now: the set is not conditional in the store.
    await store.setMany({ [keys[0]!]: String(fromBalance! - transfer.amount), [keys[1]!]: String(toBalance! + transfer.amount) });
    return;
  }
}));
