import { describe, expect, it } from 'vitest';
import { bankChecker } from '../../../harness/checkers/bank.js';
import { op } from '../../helpers/history.js';

const deposit = (account: string, amount: number, at: number) => op('deposit', at, at + 1, { value: { account, amount } });
const transfer = (from: string, to: string, amount: number, at: number, done: number | null = at + 5, fields = {}) =>
  op('transfer', at, done, { value: { from, to, amount }, ...fields });
const read = (seen: Record<string, number>, at: number, worker = '1', done = at + 2) => op('read', at, done, { seen, worker });
/** Two accounts of 100 each, opened before t=10. */
const opened = () => [deposit('a', 100, 0), deposit('b', 100, 2)];

describe('bankChecker (conservation of money, and counter bounds per account)', () => {
  it('is ok when the balances are what the acknowledged transfers make them', () => {
    const result = bankChecker([...opened(), transfer('a', 'b', 30, 10), transfer('b', 'a', 5, 20), read({ a: 75, b: 125 }, 50)]);
    expect(result.verdict).toBe('ok');
    expect(result.counts).toMatchObject({ accounts: 2, deposited: 200, transfers: 2, acknowledged: 2, reads: 1, judgedTotals: 1, wrongTotals: 0, offBalances: 0, lost: 0 });
  });

  it('is lost when money vanished from the total, and says how much', () => {
    // Two concurrent transfers out of a: both read 100, the second write wins; b got both credits.
    const result = bankChecker([...opened(), transfer('a', 'b', 30, 10), transfer('a', 'b', 20, 11), read({ a: 80, b: 150 }, 50, '3')]);
    expect(result.verdict).toBe('lost');
    expect(result.anomalies).toEqual(['lost']);
    expect(result.counts).toMatchObject({ wrongTotals: 1, created: 30, destroyed: 0, offBalances: 1, worstOff: 30, lost: 1 });
    expect(result.examples).toEqual([
      'read on worker 3 saw 230 in all accounts, but 200 were deposited: 30 appeared from nowhere',
      'read on worker 3 saw a at 80, but the acknowledged deposits and transfers leave a 50',
    ]);
  });

  it('is lost when money vanished, with the amount', () => {
    const result = bankChecker([...opened(), transfer('a', 'b', 30, 10), transfer('b', 'a', 20, 11), read({ a: 70, b: 110 }, 50)]);
    expect(result.verdict).toBe('lost');
    expect(result.counts).toMatchObject({ destroyed: 20, created: 0 });
    expect(result.examples[0]).toBe('read on worker 1 saw 180 in all accounts, but 200 were deposited: 20 vanished');
  });

  it('is lost when lost updates cancel out in the sum but not in the balances', () => {
    // a→b 10 and b→a 10 at once, each overwriting the other: the total is right, both balances wrong.
    const result = bankChecker([...opened(), transfer('a', 'b', 10, 10), transfer('b', 'a', 10, 11), read({ a: 110, b: 90 }, 50)]);
    expect(result.verdict).toBe('lost');
    expect(result.counts).toMatchObject({ wrongTotals: 0, offBalances: 2, worstOff: 10, lost: 1 });
  });

  it('lets a transfer still running during a read count or not, as a whole', () => {
    const running = transfer('a', 'b', 30, 40, 60);
    const during = (seen: Record<string, number>) => bankChecker([...opened(), transfer('a', 'b', 1, 10), running, read(seen, 50)]);
    expect(during({ a: 99, b: 101 }).verdict).toBe('ok');
    const whole = during({ a: 69, b: 131 });
    expect(whole.verdict).toBe('ok');
    expect(whole.counts).toMatchObject({ judgedTotals: 1, readsDuringTransfers: 1, wrongTotals: 0 });
    // Each balance alone stays within its bounds: a lies between 69 and 99, never below.
    expect(during({ a: 60, b: 101 }).verdict).toBe('lost');
  });

  it('is lost when a read taken during a transfer shows half of it (a debit and a credit as two operations)', () => {
    // A read is one snapshot of every balance, so the total holds at every instant, also mid-transfer:
    // the debit without its credit is money that is nowhere, the credit without its debit money from nowhere.
    const running = transfer('a', 'b', 30, 40, 60);
    const debitOnly = bankChecker([...opened(), transfer('a', 'b', 1, 10), running, read({ a: 69, b: 101 }, 50, '2')]);
    expect(debitOnly.verdict).toBe('lost');
    expect(debitOnly.counts).toMatchObject({ judgedTotals: 1, readsDuringTransfers: 1, wrongTotals: 1, destroyed: 30, offBalances: 0, lost: 1 });
    expect(debitOnly.examples).toEqual(['read on worker 2 saw 170 in all accounts, but 200 were deposited: 30 vanished']);
    const creditOnly = bankChecker([...opened(), transfer('a', 'b', 1, 10), running, read({ a: 99, b: 131 }, 50)]);
    expect(creditOnly.verdict).toBe('lost');
    expect(creditOnly.counts).toMatchObject({ created: 30, offBalances: 0 });
    // The same read once the transfer is over is ok: only a reader in the gap sees it.
    expect(bankChecker([...opened(), transfer('a', 'b', 1, 10), transfer('a', 'b', 30, 20, 30), read({ a: 69, b: 131 }, 50)]).verdict).toBe('ok');
  });

  it('is lost when a read begun after a transfer was acknowledged does not show it (acknowledged before the store applied it)', () => {
    // Nothing else runs: the read must show exactly the acknowledged transfers. The total is right
    // (the transfer is atomic, merely late), the balances are not.
    const late = bankChecker([...opened(), transfer('a', 'b', 30, 10, 12), read({ a: 100, b: 100 }, 13, '3')]);
    expect(late.verdict).toBe('lost');
    expect(late.counts).toMatchObject({ wrongTotals: 0, offBalances: 2, worstOff: 30, lost: 1, readsDuringTransfers: 0 });
    expect(late.examples[0]).toBe('read on worker 3 saw a at 100, but the acknowledged deposits and transfers leave a 70');
    // A read that began before the answer may miss it: the transfer was still running.
    expect(bankChecker([...opened(), transfer('a', 'b', 30, 10, 12), read({ a: 100, b: 100 }, 11)]).verdict).toBe('ok');
  });

  it('lets an indeterminate transfer happen or not, but never half', () => {
    const unsure = transfer('a', 'b', 30, 10, null);
    const history = (seen: Record<string, number>) => [...opened(), transfer('a', 'b', 1, 5), unsure, read(seen, 50)];
    expect(bankChecker(history({ a: 99, b: 101 })).verdict).toBe('ok');
    expect(bankChecker(history({ a: 69, b: 131 })).verdict).toBe('ok');
    const half = bankChecker(history({ a: 69, b: 101 }));
    expect(half.verdict).toBe('lost');
    expect(half.counts).toMatchObject({ indeterminate: 1, destroyed: 30, offBalances: 0 });
  });

  it('ignores a failed transfer (a 4xx did nothing)', () => {
    const refused = transfer('a', 'b', 30, 10, 11, { outcome: 'fail', status: 400 });
    expect(bankChecker([...opened(), transfer('a', 'b', 1, 5), refused, read({ a: 99, b: 101 }, 50)]).verdict).toBe('ok');
    expect(bankChecker([...opened(), transfer('a', 'b', 1, 5), refused, read({ a: 69, b: 131 }, 50)]).verdict).toBe('lost');
  });

  it('gives one example per distinct wrong answer, not one per worker that read it', () => {
    const history = [...opened(), transfer('a', 'b', 30, 10), transfer('a', 'b', 20, 11), read({ a: 80, b: 150 }, 50, '1'), read({ a: 80, b: 150 }, 60, '2')];
    const result = bankChecker(history);
    expect(result.counts).toMatchObject({ wrongTotals: 2, lost: 2 });
    expect(result.examples).toHaveLength(2);
  });

  it('is unknown, never ok, when there is nothing to judge', () => {
    expect(bankChecker([]).verdict).toBe('unknown');
    expect(bankChecker([transfer('a', 'b', 1, 5), read({ a: 0, b: 0 }, 50)]).verdict).toBe('unknown');
    expect(bankChecker([...opened(), read({ a: 100, b: 100 }, 50)]).verdict).toBe('unknown');
    expect(bankChecker([...opened(), transfer('a', 'b', 1, 5)]).verdict).toBe('unknown');
    expect(bankChecker([...opened(), transfer('a', 'b', 1, 5), op('read', 50, 51, { outcome: 'fail', status: 404 })]).verdict).toBe('unknown');
  });
});
