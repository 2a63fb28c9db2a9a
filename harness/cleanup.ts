// The last line of defence for Ctrl-C and failures: whatever this process started, it stops.
import { stopAllClusters } from './cluster.js';
import { stopAllRedisServers } from './redis-server.js';

/** Stops every cluster and redis-server this process started: nothing outlives the run. */
export async function stopEverything(): Promise<void> {
  await Promise.all([stopAllClusters(), stopAllRedisServers()]);
}
