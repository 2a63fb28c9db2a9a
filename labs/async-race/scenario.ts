// Open the accounts, move money between them under concurrent load, then read every balance on every
// worker once nothing is running any more.
import type { RequestSpec, Scenario, ScenarioParams } from '../../harness/contract.js';
import { ACCOUNTS } from './bank.js';

export const OPENING_BALANCE = 1000;
const balances = (body: { balances?: unknown }): unknown => body.balances;

/** The `seq`-th transfer: every ordered pair of accounts in turn, with amounts from 1 to 50. */
function transfer(seq: number): RequestSpec {
  const from = ACCOUNTS[seq % ACCOUNTS.length]!;
  const to = ACCOUNTS[(seq + 1 + (Math.floor(seq / ACCOUNTS.length) % (ACCOUNTS.length - 1))) % ACCOUNTS.length]!;
  const body = { from, to, amount: 1 + ((seq * 7) % 50) };
  return { op: 'transfer', value: body, method: 'POST', path: '/transfer', body };
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
      { kind: 'load', label: 'transfers', amount: requests, connections, request: transfer },
      {
        kind: 'fresh',
        label: 'balances on every worker',
        count: spreadReads,
        request: () => ({ op: 'read', path: '/balances', seen: balances }),
      },
    ],
  };
}
