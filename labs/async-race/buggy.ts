// A transfer written the way it reads in a specification: look up both balances, check, write the
// new balances. Correct on a test run with one request at a time.
import { defineVariant } from '../../harness/contract.js';
import { balanceKey, bankApp, fraudCheck, readBalance } from './bank.js';

export default defineVariant(({ store }) => bankApp(store, async (transfer) => {
  const { from, to, amount } = transfer;
  // BUG: read, await, write. While this request waits for the fraud check, other requests — on this
  // very worker: Node interleaves requests at every `await` — read the same old balances. Whoever
  // writes last overwrites the others' transfers: money vanishes from one account or appears in another.
  const [fromBalance, toBalance] = await Promise.all([readBalance(store, from), readBalance(store, to)]);
  await fraudCheck(transfer);
  await store.set(balanceKey(from), String(fromBalance - amount));
  await store.set(balanceKey(to), String(toBalance + amount));
}));
