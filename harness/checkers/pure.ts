// A pure computation served over HTTP: every answer must equal the result for its own input (the
// scenario knows it and records it as `expected`), and the same input must give the same answer
// every time (seed 000 renders one song twice and compares). An answer that carries a piece computed for
// another input is `leaked`: one request's data in another's response.
// History ops: `render` with `value` = the input's name, `expected` and `seen` = arrays of parts.
// "The same input" is the same name *and* the same right result: a name that a scenario gives to
// two inputs with different results (a song re-rendered at another tempo) names two inputs, whose
// answers must differ, not one input answered inconsistently.
import { isDeepStrictEqual } from 'node:util';
import type { CheckResult } from '../contract.js';
import { n, type History, type Op } from '../history.js';
import { finish, onePerWorker, unknown } from './result.js';

const parts = (x: unknown): string[] => (Array.isArray(x) ? x.map(String) : [JSON.stringify(x)]);

export function pureChecker(history: History): CheckResult {
  const answers = history.filter((op) => op.op === 'render' && op.outcome === 'ok');
  const counts: Record<string, number> = { renders: answers.length };
  if (answers.length === 0) return unknown(counts, 'no render succeeded, so there is nothing to judge');

  // Which input each correct part belongs to, to say whose result a wrong answer carries: the first
  // input in the history that produces it (several inputs may share a part, as songs share a sample).
  const partOwner = new Map<string, string>();
  for (const op of answers) {
    if (op.expected === undefined) continue;
    for (const p of parts(op.expected)) if (!partOwner.has(p)) partOwner.set(p, String(op.value));
  }

  const wrong = answers.filter((op) => op.expected !== undefined && !isDeepStrictEqual(op.seen, op.expected));
  // One input = one name with one right result (when the scenario knows it): its answers must all be alike.
  const byInput = new Map<string, { name: string; outputs: Set<string> }>();
  for (const op of answers) {
    const key = JSON.stringify([String(op.value), op.expected ?? null]);
    const input = byInput.get(key) ?? byInput.set(key, { name: String(op.value), outputs: new Set() }).get(key)!;
    input.outputs.add(JSON.stringify(op.seen));
  }
  const inconsistent = [...byInput.values()].filter(({ outputs }) => outputs.size > 1);
  counts.inputs = byInput.size;
  counts.wrong = wrong.length;
  counts.wrongParts = wrong.reduce((sum, op) => sum + parts(op.seen).filter((p, i) => p !== parts(op.expected)[i]).length, 0);
  counts.inconsistentInputs = inconsistent.length;
  counts.workersWrong = new Set(wrong.map((op) => op.worker)).size;

  const describe = (op: Op): string => {
    const expected = parts(op.expected);
    const seen = parts(op.seen);
    const i = seen.findIndex((p, j) => p !== expected[j]);
    if (i === -1 || seen[i] === undefined) {
      return `${op.value} on worker ${op.worker} got only ${n(seen.length)} of its ${n(expected.length)} parts`;
    }
    const from = partOwner.get(seen[i]);
    const whose = from === undefined ? 'that no input produces' : `computed for ${from}`;
    return `${op.value} on worker ${op.worker} got ${seen[i]} (${whose}) instead of ${expected[i] ?? 'nothing'}`;
  };
  // The same input on several workers shows that the wrong answer depends on which worker you hit.
  const mostWrong = [...wrong.reduce((m, op) => m.set(String(op.value), (m.get(String(op.value)) ?? 0) + 1), new Map<string, number>())]
    .sort((a, b) => b[1] - a[1])[0]?.[0];
  const examples = onePerWorker(wrong.filter((op) => String(op.value) === mostWrong).map((op) => ({ op }))).map(({ op }) => describe(op));
  for (const { name, outputs } of inconsistent.slice(0, 1)) examples.push(`${name} got ${n(outputs.size)} different answers for the same input`);
  return finish({ leaked: wrong.length > 0 || inconsistent.length > 0 }, counts, examples);
}
