// Open the accounts; move money between them under concurrent load while reading every balance in
// between (each read one snapshot of the books, taken while transfers are half way through); then
// transfers one at a time, each followed at once by a read; then every balance on every worker once
// nothing is running any more.
import type { RequestSpec, Scenario, ScenarioParams } from '../../harness/contract.js';
import { ACCOUNTS } from './bank.js';

export const OPENING_BALANCE = 1000;
/** One request in this many of the concurrent load reads the balances; the others are transfers. */
export const READ_EVERY = 4;
/** Transfers one at a time after the load, each read back at once on the next worker. */
export const TRANSFERS_READ_BACK = 6;
const balances = (body: { balances?: unknown }): unknown => body.balances;

/** The `seq`-th transfer: every ordered pair of accounts in turn, with amounts from 1 to 50. */
function transfer(seq: number): RequestSpec {
  const from = ACCOUNTS[seq % ACCOUNTS.length]!;
  const to = ACCOUNTS[(seq + 1 + (Math.floor(seq / ACCOUNTS.length) % (ACCOUNTS.length - 1))) % ACCOUNTS.length]!;
  const body = { from, to, amount: 1 + ((seq * 7) % 50) };
  return { op: 'transfer', value: body, method: 'POST', path: '/transfer', body };
}

const read = (): RequestSpec => ({ op: 'read', path: '/balances', seen: balances });

/**
 * The load: transfers, and every READ_EVERY-th request a read. A transfer that is not one operation
 * (a debit, then a credit) shows only to a reader that looks while it is half done: reading only
 * after the load, when every transfer has finished, it would look right.
 */
function transferOrRead(seq: number): RequestSpec {
  if (seq % READ_EVERY === READ_EVERY - 1) return read();
  return transfer(seq - Math.floor(seq / READ_EVERY));
}

export function asyncRaceScenario({ requests, connections, spreadReads }: ScenarioParams): Scenario {
  return {
    steps: [
      {
        kind: 'fresh',
        label: 'open the accounts',
        count: ACCOUNTS.length,
        request: (seq) => {
          const body = { account: ACCOUNTS[seq]!, amount: OPENING_BALANCE };
          return { op: 'deposit', value: body, method: 'POST', path: '/deposit', body };
        },
      },
      { kind: 'load', label: 'transfers, and reads while they run', amount: requests, connections, request: transferOrRead },
      {
        // Nothing else runs here, so each read must show exactly the transfers acknowledged before it:
        // a transfer answered before the store applied it (a missing `await`) shows as a balance the
        // acknowledged transfers do not allow.
        kind: 'fresh',
        label: 'one transfer at a time, each read back at once',
        count: 2 * TRANSFERS_READ_BACK,
        request: (seq) => (seq % 2 === 0 ? transfer(requests + seq / 2) : read()),
      },
      { kind: 'fresh', label: 'balances on every worker', count: spreadReads, request: read },
    ],
  };
}
