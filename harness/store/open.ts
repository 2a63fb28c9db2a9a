// Opens the store a worker hands to its variant: the primary over IPC, Redis, or, for a variant that
// declared no store, one that refuses every call (so that a lab cannot use a store by accident).
import type { HostConfig } from '../cluster-protocol.js';
import { connectPrimaryStore } from './primary.js';
import { STORE_OPS, type SharedStore } from './types.js';

function refusingStore(): SharedStore {
  const refuse = () => Promise.reject(new Error('this variant declared no shared store (store: true in its lab index)'));
  return Object.fromEntries(Object.keys(STORE_OPS).map((op) => [op, refuse])) as unknown as SharedStore;
}

export async function openStore(config: HostConfig): Promise<SharedStore> {
  switch (config.store) {
    case 'none': return refusingStore();
    case 'primary': return connectPrimaryStore();
    case 'redis':
      if (!config.redisUrl || !config.redisPrefix) throw new Error('a redis store needs redisUrl and redisPrefix');
      // Loaded only here: ioredis is a large module, and most workers never need it.
      return (await import('./redis.js')).connectRedisStore(config.redisUrl, config.redisPrefix);
  }
}
