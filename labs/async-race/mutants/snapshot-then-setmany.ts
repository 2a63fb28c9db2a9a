// MUTANT: reads both balances with one getMany and writes them with one setMany, but the read and the write are still two operations
// "Atomic read, atomic write, so the transfer is atomic": it is not. Each operation is a snapshot
// on its own; between them the fraud check awaits and other transfers read the same old balances,
// and the last setMany overwrites them (the lost update of buggy.ts, with nicer calls).
import { defineVariant } from '../../../harness/contract.js';
import { balanceKey, bankApp, fraudCheck } from '../bank.js';

export default defineVariant(({ store }) => bankApp(store, async (transfer) => {
  const { from, to, amount } = transfer;
  const [fromBalance, toBalance] = (await store.getMany([balanceKey(from), balanceKey(to)])).map((v) => Number(v ?? 0));
  await fraudCheck(transfer);
  // MUTANT: written from values read before an await: another transfer's update in between is lost.
  await store.setMany({ [balanceKey(from)]: String(fromBalance! - amount), [balanceKey(to)]: String(toBalance! + amount) });
}));
