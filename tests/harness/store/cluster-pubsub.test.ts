// The store's primitives in real cluster workers, on both backends: a message published on one
// worker reaches the subscriber in every worker (over IPC from the primary, or from Redis across
// hosts), once; a lease is won by exactly one worker of all.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type RunningCluster } from '../../../harness/cluster.js';
import { startRedisServer, type RedisServer } from '../../../harness/redis-server.js';
import { deleteKeys } from '../../../harness/store/redis.js';
import { fresh } from '../../helpers/http.js';
import { skipWithoutRedis, withRedis } from '../../helpers/redis.js';

const app = new URL('./fixtures/pubsub-app.ts', import.meta.url).href;

/** Fresh connections to every host in turn until each of `count` workers has answered once: its inbox. */
async function inboxes(cluster: RunningCluster, count: number): Promise<Map<string, string[]>> {
  const seen = new Map<string, string[]>();
  for (let i = 0; seen.size < count && i < count * 20; i++) {
    const { body } = await fresh(`${cluster.urls[i % cluster.urls.length]}/inbox`);
    seen.set(body.workerId, body.inbox);
  }
  return seen;
}

async function publishThenRead(cluster: RunningCluster, workers: number): Promise<void> {
  const from = await fresh(`${cluster.urls.at(-1)}/publish/hello`, { method: 'POST' });
  await fresh(`${cluster.urls[0]}/publish/again`, { method: 'POST' });
  expect(from.status).toBe(200);
  await new Promise((r) => setTimeout(r, 100)); // published is not yet delivered everywhere (Redis)
  const seen = await inboxes(cluster, workers);
  expect(seen.size).toBe(workers);
  for (const [worker, inbox] of seen) expect(inbox, `worker ${worker}`).toEqual(['hello', 'again']);
}

async function oneLeaseWinner(cluster: RunningCluster, tries: number): Promise<void> {
  const answers = [];
  for (let i = 0; i < tries; i++) answers.push((await fresh(`${cluster.urls[i % cluster.urls.length]}/lease/tick-1`, { method: 'POST' })).body);
  expect(answers.filter((a) => a.won)).toHaveLength(1);
  expect(new Set(answers.map((a) => a.workerId)).size).toBeGreaterThan(1);
}

describe('the primary store in a real cluster', () => {
  let dataDir: string;
  let cluster: RunningCluster | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'wsl-pubsub-'));
    cluster = await startCluster({ variantModule: app, workers: 3, hosts: 1, store: 'primary', dataDir });
  });
  afterAll(async () => {
    await cluster?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('fans a published message out to every worker, once each, in order', () => publishThenRead(cluster!, 3));
  it('lets exactly one worker win a lease', () => oneLeaseWinner(cluster!, 6));
});

describe.skipIf(skipWithoutRedis)(withRedis('the redis store across two hosts'), () => {
  let server: RedisServer;
  let dataDir: string;
  let cluster: RunningCluster | undefined;
  const redisPrefix = `wsl-test:${randomUUID()}:`;
  beforeAll(async () => {
    server = await startRedisServer();
    dataDir = await mkdtemp(join(tmpdir(), 'wsl-pubsub-'));
    cluster = await startCluster({ variantModule: app, workers: 2, hosts: 2, store: 'redis', redisUrl: server.url, redisPrefix, dataDir });
  });
  afterAll(async () => {
    await cluster?.stop();
    if (server) await deleteKeys(server.url, redisPrefix).catch(() => 0);
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('delivers a message published on one host to every worker of both hosts, once each, in order', () => publishThenRead(cluster!, 4));
  it('lets exactly one worker of both hosts win a lease', () => oneLeaseWinner(cluster!, 8));
});
