import { broadcastChecker } from '../../harness/checkers/broadcast.js';
import { defineLab, sharedStoreVerdict } from '../../harness/contract.js';
import { broadcastScenario } from './scenario.js';

export default defineLab(import.meta.url, {
  title: 'Broadcast',
  summary: 'Server-Sent Events kept in a module-level set: a message reaches only the subscribers of the worker that took it.',
  source: 'theturtle32/WebSocket-Node#232, apollographql/apollo-server#1778',
  variants: {
    buggy: { summary: "this worker's open streams, in a module-level set" },
    fixed: { summary: 'published through the shared store; each worker subscribed once, before it serves', store: true },
  },
  expected: (cell) => {
    if (cell.variant === 'buggy') {
      // Several processes: each post reaches one worker's streams. With --restart-every even one worker
      // is two for a while: the retiring worker keeps its streams open while its replacement takes the
      // posts. A killed worker's streams break and reconnect to the only worker: nothing they are owed is lost.
      return cell.workers * cell.hosts > 1 || cell.fault === 'restart' ? 'lost' : 'ok';
    }
    // The primary store's publish reaches one host's workers: with two hosts, half the subscribers miss each post.
    return sharedStoreVerdict(cell);
  },
  hints: [
    'A client holds its event stream open on one worker. When a message is posted on another worker, how would that worker even know the stream exists?',
    'The set of open streams is module state: each worker process has its own, so a post is written only to the streams of the worker that took it.',
    'Let every worker hear every message: publish each post on a channel of the shared store, and have each worker subscribe to that channel once, before it starts serving, writing what arrives to the streams it holds. Do not write to your own streams a second time.',
  ],
  tryIt: [
    'curl -iN {url}/events    # a subscriber: keep it open (x-worker-id says which worker holds it); open two more in other terminals',
    'for i in 1 2 3 4; do curl -s -X POST {url}/messages -H "content-type: application/json" -d "{\\"text\\":\\"hello $i\\"}"; echo; done    # each subscriber prints only the posts its own worker took; "reached" counts them',
    'curl -s -X POST {url}/messages -H "content-type: application/json" -d "{\\"text\\":\\"two\\nlines\\"}"    # 400: one line per message',
  ],
  checker: broadcastChecker,
  scenario: broadcastScenario,
  // 200 posts (40 of them "+1") to 2 subscribers per worker: 1,600 deliveries under 4 workers.
  defaults: { requests: 200, connections: 20 },
});
