// The bank of the async-race lab: four accounts whose balances live in the shared store, the request
// bodies the bank accepts, and the app around a variant's `transfer`. The variants differ only in how
// a transfer moves the money; deposits and balance reads are the same (and not the bug) in all of them.
import { setTimeout as sleep } from 'node:timers/promises';
import express, { type Express, type Request, type Response } from 'express';
import type { SharedStore } from '../../harness/store/types.js';

export const ACCOUNTS = ['alice', 'bob', 'carol', 'dave'] as const;
export type Account = (typeof ACCOUNTS)[number];
export const balanceKey = (account: Account): string => `balance:${account}`;

export interface Transfer { from: Account; to: Account; amount: number }

/**
 * What a transfer waits for between deciding and writing: in a real bank a fraud check, an audit-log
 * write, a call to another service. Here a few milliseconds of simulated I/O: any `await` will do.
 */
export const FRAUD_CHECK_MS = 2;
export const fraudCheck = (_transfer: Transfer): Promise<void> => sleep(FRAUD_CHECK_MS);

export async function readBalance(store: SharedStore, account: Account): Promise<number> {
  return Number((await store.get(balanceKey(account))) ?? 0);
}

const isAccount = (x: unknown): x is Account => ACCOUNTS.includes(x as Account);
const isAmount = (x: unknown, most: number): x is number => Number.isSafeInteger(x) && (x as number) > 0 && (x as number) <= most;

/** The transfer a body asks for, or null after answering 400. Overdrafts are allowed: the lesson is conservation. */
function transferOf(req: Request, res: Response): Transfer | null {
  const { from, to, amount } = (req.body ?? {}) as Record<string, unknown>;
  if (!isAccount(from) || !isAccount(to) || from === to || !isAmount(amount, 1000)) {
    res.status(400).json({ error: `body must be JSON {"from", "to": two different accounts of ${ACCOUNTS.join(', ')}; "amount": 1 to 1000}` });
    return null;
  }
  return { from, to, amount };
}

/** The bank's routes around `transfer`, the one thing each variant writes its own way. */
export function bankApp(store: SharedStore, transfer: (t: Transfer) => Promise<void>): Express {
  const app = express();
  app.use(express.json({ limit: '1kb' }));

  // Opening an account is a deposit; the scenario makes one per account before any transfer.
  app.post('/deposit', async (req, res) => {
    const { account, amount } = (req.body ?? {}) as Record<string, unknown>;
    if (!isAccount(account) || !isAmount(amount, 1_000_000)) {
      res.status(400).json({ error: `body must be JSON {"account": one of ${ACCOUNTS.join(', ')}; "amount": 1 to 1000000}` });
      return;
    }
    res.json({ account, balance: await store.incr(balanceKey(account), amount) });
  });

  app.post('/transfer', async (req, res) => {
    const wanted = transferOf(req, res);
    if (!wanted) return;
    await transfer(wanted);
    res.json(wanted);
  });

  // Every balance in one store operation (MGET): a snapshot of the books at one instant, never half
  // before and half after a transfer. Read one by one, the balances would come from different
  // instants, and a reader could not tell a transfer half applied from one half read.
  app.get('/balances', async (_req, res) => {
    const balances = await store.getMany(ACCOUNTS.map(balanceKey));
    res.json({ balances: Object.fromEntries(ACCOUNTS.map((a, i) => [a, Number(balances[i] ?? 0)])) });
  });

  return app;
}
