import { chmodSync, existsSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { HarnessError } from '../../harness/errors.js';
import { stopEverything } from '../../harness/processes.js';
import { findRedisServer, startRedisServer } from '../../harness/redis-server.js';
import { probeRedis } from '../../harness/store/redis.js';
import { eventually, isAlive, portIsFree } from '../helpers/http.js';
import { nextLine, processesOnPort, redisChild, skipWithoutRedis, withRedis } from '../helpers/redis.js';

afterEach(stopEverything);

describe.skipIf(skipWithoutRedis)(withRedis('startRedisServer'), () => {
  it('starts a redis-server on 127.0.0.1 that answers, keeps nothing on disk, and runs outside our folder', async () => {
    const server = await startRedisServer();
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
    await expect(probeRedis(server.url)).resolves.toBeUndefined();
    expect(readlinkSync(`/proc/${server.pid}/cwd`)).toBe(tmpdir());
    const client = new Redis(server.url);
    expect(await client.config('GET', 'save')).toEqual(['save', '']);
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'no']);
    expect(await client.config('GET', 'bind')).toEqual(['bind', '127.0.0.1']);
    expect(Number((await client.info('server')).match(/process_id:(\d+)/)?.[1])).toBe(server.pid);
    client.disconnect();
  });

  it('stop ends redis-server and its watchdog, frees the port, and may be called twice', async () => {
    const server = await startRedisServer();
    // redis-server and its watchdog, as they are now: other tests may later start processes that
    // mention the same port number once it is free again, so only these PIDs are checked afterwards.
    const ours = processesOnPort(server.port);
    expect(ours.length).toBeGreaterThanOrEqual(2);
    expect(ours).toContain(server.pid);
    await server.stop();
    expect(isAlive(server.pid)).toBe(false);
    expect(ours.filter(isAlive)).toEqual([]);
    expect(await portIsFree(server.port)).toBe(true);
    expect(existsSync('dump.rdb')).toBe(false);
    await server.stop();
  });

  it('stopEverything ends every server this process started', async () => {
    const servers = await Promise.all([startRedisServer(), startRedisServer()]);
    expect(new Set(servers.map((s) => s.port)).size).toBe(2);
    await stopEverything();
    expect(servers.filter((s) => isAlive(s.pid))).toEqual([]);
  });

  it('ends the redis-server within 3 s when the process that started it is SIGKILLed', async () => {
    const run = redisChild(['start']);
    const { pid, port } = await nextLine(run);
    expect(isAlive(pid)).toBe(true);
    const ours = processesOnPort(port);
    expect(ours).toContain(pid);
    run.child.kill('SIGKILL');
    expect(await eventually(() => !isAlive(pid), 3000)).toBe(true);
    expect(await eventually(() => ours.filter(isAlive).length === 0, 3000)).toBe(true);
  });
});

describe('startRedisServer without a working redis-server', () => {
  const path = process.env.PATH;
  let dir: string | undefined;
  afterEach(() => {
    process.env.PATH = path;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  /** A PATH with only this redis-server on it (or none). */
  const onPath = (script?: string): void => {
    dir = mkdtempSync(join(tmpdir(), 'wsl-redis-path-'));
    if (script) {
      writeFileSync(join(dir, 'redis-server'), `#!/bin/sh\n${script}\n`);
      chmodSync(join(dir, 'redis-server'), 0o755);
    }
    process.env.PATH = dir;
  };

  it('says how to install it when it is not on PATH', async () => {
    onPath();
    expect(findRedisServer()).toBeNull();
    const error = await startRedisServer().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarnessError);
    expect((error as Error).message).toBe('redis-server is not installed: on Debian/Ubuntu run "sudo apt-get install redis-server" (or give --redis-url / REDIS_URL)');
  });

  it('says the last line it printed when it fails to start', async () => {
    onPath('echo "starting"; echo "*** FATAL CONFIG FILE ERROR: Bad directive"; exit 1');
    expect(findRedisServer()).toBe(join(dir!, 'redis-server'));
    const error = await startRedisServer().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarnessError);
    expect((error as Error).message).toBe('redis-server did not start: *** FATAL CONFIG FILE ERROR: Bad directive');
  });
});
