// The report's HTML, checked as text (no browser): a state chart suited to each history, lanes per
// worker, the examples ringed only where the checker gave some, nothing that could load, values escaped.
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../harness/html/page.js';
import type { CellResult } from '../../../harness/summary.js';
import { counterChecker } from '../../../harness/checkers/counter.js';
import { handMadeCell, handMadeCells } from '../../helpers/cells.js';
import { increments, read } from '../../helpers/history.js';

const page = (cells: CellResult[]): string =>
  renderReport({ lab: { name: 'demo', title: 'Demo', summary: 'a demo' }, cells, matches: true, durationMs: 1234, command: 'npm run lab -- demo --html out.html', options: {} });
/** The HTML of the n-th cell's section. */
const section = (html: string, n: number): string => html.split('<section class="cell"')[n + 1]!.split('</section>')[0]!;
const count = (html: string, needle: string): number => html.split(needle).length - 1;

describe('renderReport', () => {
  const cells = handMadeCells();
  const html = page(Object.values(cells));
  const [counterLost, counterOk, set, stale, growth, pure, session, unheardOf] = Object.values(cells).map((_, i) => section(html, i)) as [string, string, string, string, string, string, string, string];

  it('is one self-contained page: a policy that forbids every request, no script, no source, no outside link', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<script|\ssrc=|\shref="(?!#)/);
    // A value from the history is text, never markup.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('draws a counter: reads against the band, the lost ones below it, one lane per worker and each example ringed on its worker', () => {
    expect(counterLost).toContain('data-verdict="lost"');
    expect(counterLost).toContain('data-chart="counter"');
    expect(count(counterLost, '<g class="lane worker"')).toBe(4);
    expect(count(counterLost, 'circle class="read below"')).toBe(4);
    const ringed = [...counterLost.matchAll(/class="example-op" data-example="(\d+)" data-index="\d+" data-worker="(\w+)"/g)].map((m) => [Number(m[1]), m[2]]);
    expect(ringed).toHaveLength(cells.counterLost.examples.length);
    for (const [k, worker] of ringed) expect(cells.counterLost.examples[k as number]).toContain(`on worker ${worker} `);
    expect(counterLost).toContain('npm run lab -- demo --variant buggy --workers 4');
  });

  it('reproduces a cell the way the lab was run: the installed command and a lab folder by path', () => {
    const byPath = renderReport({ lab: { name: 'demo', title: 'Demo', summary: 'a demo' }, cells: [cells.counterLost], matches: false, durationMs: 1, command: 'npx worker-state-lab ./lab --html out.html', runs: 'npx worker-state-lab ./lab', options: { requests: 300 } });
    expect(byPath).toContain('<code>npx worker-state-lab ./lab --variant buggy --workers 4 --requests 300</code>');
    expect(byPath).not.toContain('npm run lab');
  });

  it('edges a read above the band too (increments nobody attempted), and never a read inside it', () => {
    const history = [...increments(100, 0, ['1', '2']), read(10, 11, 10, '1'), read(200, 201, 100, '1'), read(202, 203, 130, '2')];
    const html = page([handMadeCell({ variant: 'buggy', workers: 2, hosts: 1, store: 'none', fault: 'none', latency: 'none' }, counterChecker, 'leaked', history)]);
    expect(html).toContain('data-verdict="leaked"');
    expect(count(html, 'circle class="read above"')).toBe(1);
    expect(count(html, 'circle class="read below"')).toBe(0);
    expect(count(html, 'circle class="read"')).toBe(2);
  });

  it('rings nothing on an ok cell, and marks the worker that was killed on its lane', () => {
    expect(counterOk).toContain('data-verdict="ok"');
    expect(counterOk).not.toContain('example-op');
    expect(counterOk).not.toContain('read below');
    expect(counterOk).toMatch(/<g class="fault" data-reason="killed" data-worker="2">/);
    expect(counterOk).toContain('--kill-worker');
  });

  it('draws a set per user: the lost item hollow, the leaked item red', () => {
    expect(set).toContain('data-chart="set"');
    expect(set).toMatch(/<g class="user" data-user="ann">.*circle class="item missing".*circle class="item leaked"/s);
    expect(set).toContain('example-op');
  });

  it('draws stale reads against the latest write, the outside write on a lane of its own', () => {
    expect(stale).toContain('data-chart="stale"');
    expect(count(stale, 'circle class="read below"')).toBe(1);
    expect(stale).toContain('<g class="lane other" data-worker="outside">');
    expect(count(stale, '<g class="lane worker"')).toBe(2);
  });

  it('draws growth per worker with the bound', () => {
    expect(growth).toContain('data-chart="growth"');
    expect(count(growth, '<g class="worker-line"')).toBe(2);
    expect(count(growth, 'class="bound"')).toBe(2);
    expect(growth).toMatch(/class="example-op"[^>]*data-worker="1"/);
  });

  it('draws answers against their right answer: the wrong one red, and ringed', () => {
    expect(pure).toContain('data-verdict="leaked"');
    expect(pure).toContain('data-chart="expected"');
    expect(count(pure, 'class="answer right"')).toBe(1);
    expect(count(pure, 'class="answer wrong"')).toBe(1);
    expect(pure).toMatch(/<g class="answers-row" data-worker="2">.*class="answer wrong".*class="example-op"/s);
  });

  it('draws requests per user when nothing else fits (sessions): the refusal red, with the worker that refused it', () => {
    expect(session).toContain('data-verdict="lost"');
    expect(session).toContain('data-chart="users"');
    expect(session).toMatch(/<g class="user-row" data-user="ann">(.*?class="mark ok"){2}.*class="mark fail".*?>2<\/text>.*class="example-op"/s);
  });

  it('draws a checker it has never heard of: its verdict as given, a generic chart, the unanswered request on its own lane', () => {
    expect(unheardOf).toContain('data-verdict="duplicated"');
    expect(unheardOf).toContain('<span class="verdict">duplicated</span>');
    expect(unheardOf).toContain('data-chart="generic"');
    expect(unheardOf).toContain('<g class="lane other" data-worker="no answer">');
    expect(unheardOf).toMatch(/class="example-op" data-example="0" data-index="\d+" data-worker="1"/);
  });
});
