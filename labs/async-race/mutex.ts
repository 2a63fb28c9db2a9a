// The classic repair for a race: a lock per account around the read, the await and the write. It
// works while one process serves all requests, and only then.
import { defineVariant } from '../../harness/contract.js';
import { balanceKey, bankApp, fraudCheck, readBalance, type Account } from './bank.js';

// BUG: the locks are process memory. Each worker has its own map, so a worker's lock on alice does
// not stop another worker's transfer from reading and writing alice at the same time. (A restarted
// worker, too, overlaps for a moment with the one it replaces.)
const lockTails = new Map<Account, Promise<void>>();

/** Waits until `account` is free, takes it, and returns the function that frees it again. */
async function lock(account: Account): Promise<() => void> {
  const previous = lockTails.get(account) ?? Promise.resolve();
  let release!: () => void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  const tail = previous.then(() => held);
  lockTails.set(account, tail);
  await previous;
  return () => {
    if (lockTails.get(account) === tail) lockTails.delete(account);
    release();
  };
}

export default defineVariant(({ store }) => bankApp(store, async (transfer) => {
  const { from, to, amount } = transfer;
  // Both accounts, always in the same order, so that alice→bob and bob→alice cannot deadlock.
  const [first, second] = [from, to].sort() as [Account, Account];
  const releaseFirst = await lock(first);
  const releaseSecond = await lock(second);
  try {
    const [fromBalance, toBalance] = await Promise.all([readBalance(store, from), readBalance(store, to)]);
    await fraudCheck(transfer);
    // Both balances in one write, so that a worker that dies mid-transfer cannot leave half of it done
    // (two separate writes would: a crash between them destroys money, locks or not).
    await store.setMany({ [balanceKey(from)]: String(fromBalance - amount), [balanceKey(to)]: String(toBalance + amount) });
  } finally {
    releaseSecond();
    releaseFirst();
  }
}));
