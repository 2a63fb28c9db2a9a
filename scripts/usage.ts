// `npm run lab -- --help`: every command, option and exit code.
import { LIMITS } from '../harness/options.js';

export const USAGE = `Usage:
  npm run lab                                list the labs
  npm run lab <lab>                          run the lab's matrix (every variant under 1 and N workers)
  npm run lab -- <lab> [options]             options must come after \`--\` (npm keeps flags before it)
  npm run lab -- ./path/to/lab [options]     run a lab folder of your own (index.js or index.ts, importing
                                             from 'worker-state-lab'); from the installed package the same
                                             is npx worker-state-lab ./path/to/lab [options], no \`--\`
  npm run lab serve <lab> -- [options]       keep one variant running for a live workshop (Ctrl-C stops it)
  npm run lab try <lab>                      write the fix yourself: creates labs/<lab>/mine.ts from buggy.ts
                                             and re-judges it on every save (keys: h hint, r re-run,
                                             l labs, n next lab, x reset to buggy.ts, q quit)
  npm run lab hint <lab>                     the next hint for your fix of <lab>
  npm run lab -- <lab> --variant mine        judge your labs/<lab>/mine.ts once, as fixed.ts is judged

Options:
  --workers N       N for the matrix: cells run under 1 and N workers (default 4, at most ${LIMITS.workers})
  --variant V       only this variant (repeat or comma-separate for several)
  --store S         primary (default: the cluster primary holds the state, nothing to install),
                    redis, or primary,redis for both; applies to the variants that use a store
  --redis-url URL   use this Redis (also REDIS_URL); without it the lab starts its own redis-server
  --hosts H         H independent hosts (own primary, port and primary store), as if on H machines,
                    load spread over them (default 1, at most ${LIMITS.hosts}); with H > 1 and no
                    --store, both stores run, to compare them
  --requests R      requests of the main load (default: the lab's own)
  --connections C   concurrent connections of the load (default: the lab's own)
  --port P          listen on port P (default: a free port chosen by the system)
  --restart-every K fault: each worker leaves after K requests and a fresh one replaces it
                    (gunicorn's --max-requests); K must be below the load's request count
  --kill-worker     fault: SIGKILL one worker halfway through the load; its primary replaces it
  --store-latency L fault: every store operation waits a random MIN-MAX ms (e.g. 0-50), so that
                    operations arrive out of order; applies to every cell with a store. Without it the
                    matrix adds one cell per store variant at 0-50 ms; \`none\` leaves that cell out
  --mutants         run the lab's mutants (labs/<lab>/mutants/: plausible wrong fixes) in place of
                    the fixed variant: each must be rejected by some cell (exit 0 when all are);
                    with --variant, only the mutants named
  --repeat R        run every cell R times and report how often each verdict came (at most ${LIMITS.repeat})
  --json            print one JSON object on stdout (the format CI reads)
  --junit FILE      also write JUnit XML to FILE, for a CI's test view: one testcase per cell (with
                    --mutants, per mutant), a failure for each that does not match
  --html FILE       also draw every cell into FILE, one self-contained HTML page (no network): a timeline
                    per worker, a state chart, the verdict and its examples; FILE's folder must exist
  -h, --help        this text

Exit codes: 0 the matrix matches the lab's expectation (every run of every cell) or, with --mutants,
every mutant is killed and every correct rewrite passes; 1 it does not; 2 bad input or an
environment that cannot run it; 3 an internal error of the harness (a bug: please report it).
Examples:
  npm run lab per-worker-counter
  npm run -s lab -- per-worker-counter --workers 2 --variant buggy --json
  npm run lab -- global-list --hosts 2 --variant fixed
  npm run lab -- per-worker-counter --mutants
  npm run lab -- async-race --variant fixed --store-latency 0-50 --store primary,redis
  npm run lab serve per-worker-counter -- --variant buggy --workers 4 --port 3000`;
