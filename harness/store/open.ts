// Opens the store a worker hands to its variant: the primary over IPC, Redis, or, for a variant that
// declared no store, one that refuses every call (so that a lab cannot use a store by accident);
// with --store-latency, behind a delay.
import type { HostConfig } from '../cluster-protocol.js';
import { DelayedStore } from './latency.js';
import { PrimaryStoreClient } from './primary.js';
import type { SharedStore } from './types.js';

const refuse = (): Promise<never> => Promise.reject(new Error('this variant declared no shared store (store: true in its lab index)'));
class RefusingStore implements SharedStore {
  get = refuse;
  getMany = refuse;
  set = refuse;
  incr = refuse;
  push = refuse;
  range = refuse;
  del = refuse;
  incrMany = refuse;
  setMany = refuse;
  setIfAbsent = refuse;
  expire = refuse;
  publish = refuse;
  subscribe = refuse;
}

async function backend(config: HostConfig): Promise<SharedStore> {
  switch (config.store) {
    case 'none': return new RefusingStore();
    case 'primary': return new PrimaryStoreClient();
    case 'redis':
      if (!config.redisUrl || !config.redisPrefix) throw new Error('a redis store needs redisUrl and redisPrefix');
      // Loaded only here: ioredis is a large module, and most workers never need it.
      return (await import('./redis.js')).connectRedisStore(config.redisUrl, config.redisPrefix);
  }
}

export async function openStore(config: HostConfig): Promise<SharedStore> {
  const store = await backend(config);
  return config.store !== 'none' && config.storeLatency ? new DelayedStore(store, config.storeLatency) : store;
}
