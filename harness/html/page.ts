// The report: one self-contained HTML page (no script, no request: a Content-Security-Policy that
// forbids them), a section per cell with its timeline, its state chart, and as text its verdict,
// expectation, counts, examples and the command that reproduces it. Pure: results in, HTML out.
import type { CellKey } from '../contract.js';
import type { CellResult } from '../summary.js';
import { stateChart } from './charts.js';
import { esc } from './svg.js';
import { timelineSvg } from './timeline.js';

export interface ReportInput {
  lab: { name: string; title: string; summary: string };
  cells: CellResult[];
  matches: boolean;
  durationMs: number;
  /** The command that ran this report. */
  command: string;
  /** How the lab is run (`npm run lab -- per-worker-counter`, `npx worker-state-lab ./lab`): each cell's Reproduce command starts so. Default: `npm run lab -- <name>`. */
  runs?: string;
  /** Run options that a cell's command repeats (everything else is in the cell's key). */
  options: { requests?: number; connections?: number; restartEvery?: number; killWorker?: boolean; mutants?: boolean };
  generatedAt?: string;
}

export const cellName = (c: CellKey): string =>
  `${c.variant}@${c.hosts > 1 ? `${c.hosts}x` : ''}${c.workers}${c.store !== 'none' ? ` ${c.store}` : ''}${c.latency !== 'none' ? ` latency ${c.latency}` : ''}${c.fault !== 'none' ? ` ${c.fault}` : ''}`;
const cellId = (c: CellKey, i: number): string => `cell-${i}-${c.variant.replace(/[^\w-]/g, '_')}-${c.workers}`;

/** The command that runs this cell again (with the cells of the same variant and store that come with it); `runs`: how the lab is run. */
export function cellCommand(runs: string, c: CellKey, options: ReportInput['options']): string {
  const args = [runs, `--variant ${c.variant}`, `--workers ${c.workers}`];
  if (c.hosts > 1) args.push(`--hosts ${c.hosts}`);
  if (c.store !== 'none') args.push(`--store ${c.store}`);
  if (c.store !== 'none') args.push(`--store-latency ${c.latency}`);
  if (options.requests) args.push(`--requests ${options.requests}`);
  if (options.connections) args.push(`--connections ${options.connections}`);
  if (c.fault === 'restart' && options.restartEvery) args.push(`--restart-every ${options.restartEvery}`);
  if (c.fault === 'kill') args.push('--kill-worker');
  if (options.mutants) args.push('--mutants');
  return args.join(' ');
}

export const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222;max-width:1400px}
code{background:#f4f4f4;padding:1px 4px;border-radius:3px;word-break:break-all}
h1{margin:0 0 .2em}h2{margin:.2em 0;font-size:1.15em}h3{font-size:.95em;margin:.8em 0 .2em;color:#444}
table{border-collapse:collapse}td,th{padding:1px 8px 1px 0;text-align:left;vertical-align:top}
.cell{border-top:2px solid #ddd;margin-top:1.5em;padding-top:.5em}
.grid{display:flex;gap:1.5em;flex-wrap:wrap}.pictures{flex:0 1 880px;min-width:0}.pictures svg{max-width:100%;height:auto}
aside{flex:1 1 320px}.caption{color:#555;font-size:12px;margin:.2em 0 0;max-width:880px}
.verdict{font-weight:bold;padding:1px 6px;border-radius:3px;background:#c53030;color:#fff}
[data-verdict="ok"] .verdict{background:#2f855a}[data-verdict="unknown"] .verdict{background:#718096}
.match{color:#2f855a}.mismatch{color:#c53030;font-weight:bold}
svg text{font-family:system-ui,sans-serif;font-size:10px}
rect.op.ok{fill:#7fb77e}rect.op.fail{fill:#e4572e}rect.op.fail.expected{fill:#c9b8b3}rect.op.info{fill:#f2b134}
circle.read.below,circle.read.above{stroke:#d00;stroke-width:1}
circle.item.shown{fill:#2f855a}circle.item.missing{fill:none;stroke:#888;stroke-width:1.5}circle.item.leaked{fill:#d00}
.legend span{display:inline-block;width:10px;height:8px;margin:0 3px 0 10px}
ol.examples li{margin-bottom:.3em}`;

const legend = '<p class="legend caption">operations: <span style="background:#7fb77e"></span>ok (2xx) <span style="background:#e4572e"></span>fail (4xx, refused) ' +
  '<span style="background:#c9b8b3"></span>4xx the scenario expected <span style="background:#f2b134"></span>indeterminate (no answer, 5xx) <span style="border:2px solid #d00;height:6px"></span>named by an example (numbered)</p>';

function countsTable(c: CellResult): string {
  const rows: Array<[string, unknown]> = [
    ['requests', c.requests], ['acknowledged', c.acknowledged], ['failed', c.failed], ['indeterminate', c.indeterminate],
    ...Object.entries(c.counts),
    ['spread', Object.entries(c.spread).map(([w, k]) => `${w}: ${k}`).join(', ')],
    ...(c.fault !== 'none' ? [['workers left', `${c.exits.killed} killed, ${c.exits.retired} retired, ${c.exits.crashed} crashed`] as [string, unknown]] : []),
    ...(c.runs > 1 ? [['runs', Object.entries(c.verdicts).map(([v, k]) => `${v} ${k}/${c.runs}`).join(', ')] as [string, unknown]] : []),
  ];
  return `<table class="counts">${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(typeof v === 'number' ? v.toLocaleString('en-US') : v)}</td></tr>`).join('')}</table>`;
}

/** One cell: its pictures, and beside them what the checker said. */
export function cellSection(c: CellResult, i: number, runs: string, options: ReportInput['options']): string {
  const name = cellName(c);
  const examples = c.examples.length === 0 ? '<p>No examples: the checker found nothing to show.</p>'
    : `<ol class="examples">${c.examples.map((e, k) => `<li data-example="${k}"${c.picture?.exampleOps[k]?.length ? ' class="drawn"' : ''}>${esc(e)}</li>`).join('')}</ol>`;
  let pictures = '<p>No picture: this run kept no history (run with --html).</p>';
  if (c.picture) {
    const chart = stateChart(c.picture, c.counts);
    const sampled = c.picture.ops.length < c.picture.total ? `a sample of ${c.picture.ops.length.toLocaleString('en-US')} of ${c.picture.total.toLocaleString('en-US')} operations (every failure, every example, each worker's first and last; counts are exact)` : `all ${c.picture.total.toLocaleString('en-US')} operations`;
    pictures = `<h3>Timeline: one lane per worker</h3>${timelineSvg(c.picture, c.examples)}<p class="caption">Each mark spans an operation from invoke to completion, ${sampled}.</p>${legend}` +
      `<h3>State (${chart.kind})</h3><div class="state" data-chart="${chart.kind}">${chart.svg}</div><p class="caption">${esc(chart.caption)}</p>`;
  }
  const matches = c.matches ? '<span class="match">as expected</span>' : `<span class="mismatch">expected ${esc(c.expected)}</span>`;
  return `<section class="cell" id="${cellId(c, i)}" data-cell="${esc(`${c.variant}@${c.workers}`)}" data-name="${esc(name)}" data-verdict="${esc(c.verdict)}" data-expected="${esc(c.expected)}" data-matches="${c.matches}">` +
    `<h2>${esc(name)} <span class="verdict">${esc(c.verdict)}</span> ${matches}${c.flaky ? ' <span class="mismatch">flaky</span>' : ''}</h2>` +
    `<div class="grid"><div class="pictures">${pictures}</div><aside><p>verdict <b>${esc(c.verdict)}</b>${c.anomalies.length > 1 ? ` (anomalies: ${esc(c.anomalies.join(', '))})` : ''}; expected <b>${esc(c.expected)}</b></p>` +
    `<h3>Examples</h3>${examples}<h3>Counts</h3>${countsTable(c)}` +
    `${c.serverErrors.length ? `<h3>Server errors</h3><ul>${c.serverErrors.map((e) => `<li><code>${esc(e)}</code></li>`).join('')}</ul>` : ''}` +
    `<h3>Reproduce</h3><p><code>${esc(cellCommand(runs, c, options))}</code></p></aside></div></section>`;
}

/** The whole self-contained page. */
export function renderReport(input: ReportInput): string {
  const { lab, cells } = input;
  const rows = cells.map((c, i) => `<tr data-verdict="${esc(c.verdict)}"><td><a href="#${cellId(c, i)}">${esc(cellName(c))}</a></td><td><span class="verdict">${esc(c.verdict)}</span></td>` +
    `<td>expected ${esc(c.expected)}</td><td class="${c.matches ? 'match' : 'mismatch'}">${c.matches ? 'matches' : 'differs'}</td></tr>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(lab.name)}: worker-state-lab report</title><style>${STYLE}</style></head><body>` +
    `<header><h1>${esc(lab.name)}</h1><p>${esc(lab.title)}: ${esc(lab.summary)}</p>` +
    `<p>The matrix <b class="${input.matches ? 'match' : 'mismatch'}">${input.matches ? 'matches' : 'does not match'}</b> the lab's expectation · ${cells.length} cells in ${(input.durationMs / 1000).toFixed(1)} s${input.generatedAt ? ` · ${esc(input.generatedAt)}` : ''}</p>` +
    `<p>Ran: <code>${esc(input.command)}</code></p><table class="cells">${rows.join('')}</table></header>` +
    `${cells.map((c, i) => cellSection(c, i, input.runs ?? `npm run lab -- ${lab.name}`, input.options)).join('')}</body></html>\n`;
}
