// CORRECT: the in-process lock of mutex.ts kept around the atomic incrMany: the lock is redundant, the one store operation is what makes it right
// A participant who adds the fix to the mutex variant instead of replacing it. The lock no longer
// protects anything (there is no read in the worker to protect), it only makes transfers on one
// account wait for each other; correctness comes from incrMany, in every process.
import { defineVariant } from '../../../harness/contract.js';
import { balanceKey, bankApp, fraudCheck, type Account } from '../bank.js';

const lockTails = new Map<Account, Promise<void>>();

/** Runs `work` after every earlier holder of `account` in this process is done. */
async function withLock<T>(account: Account, work: () => Promise<T>): Promise<T> {
  const previous = lockTails.get(account) ?? Promise.resolve();
  const running = previous.then(work);
  const tail = running.then(() => {}, () => {});
  lockTails.set(account, tail);
  try {
    return await running;
  } finally {
    if (lockTails.get(account) === tail) lockTails.delete(account);
  }
}

export default defineVariant(({ store }) => bankApp(store, async (transfer) => {
  const { from, to, amount } = transfer;
  const [first, second] = [from, to].sort() as [Account, Account];
  await fraudCheck(transfer);
  await withLock(first, () => withLock(second, () => store.incrMany({ [balanceKey(from)]: -amount, [balanceKey(to)]: amount })));
}));
