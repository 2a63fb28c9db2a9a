// CORRECT: applies the transfer as one incrMany first, then runs the fraud check, and would undo it with the reverse incrMany: every change is one atomic operation
// "Do it, then verify, and compensate if the check fails" (a saga in miniature). The order differs
// from fixed.ts, and a failed check would show the money moved for a moment; but every change of
// the books is one whole transfer, so the total never changes and no update is lost.
import { defineVariant } from '../../../harness/contract.js';
import { balanceKey, bankApp, fraudCheck, type Transfer } from '../bank.js';

/** The fraud check as a verdict (this lab's never refuses, a real one might). */
const passes = (transfer: Transfer): Promise<boolean> => fraudCheck(transfer).then(() => true);

export default defineVariant(({ store }) => bankApp(store, async (transfer) => {
  const { from, to, amount } = transfer;
  await store.incrMany({ [balanceKey(from)]: -amount, [balanceKey(to)]: amount });
  // Compensation, also one operation: a transfer back, never a debit and a credit on their own.
  if (!(await passes(transfer))) await store.incrMany({ [balanceKey(from)]: amount, [balanceKey(to)]: -amount });
}));
