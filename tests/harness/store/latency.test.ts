import { describe, expect, it } from 'vitest';
import { DelayedStore } from '../../../harness/store/latency.js';
import { MemoryStore } from '../../../harness/store/memory.js';

describe('DelayedStore (--store-latency)', () => {
  it('makes every operation wait at least the minimum', async () => {
    const store = new DelayedStore(new MemoryStore(), { min: 30, max: 30 });
    const started = performance.now();
    await store.set('k', 'v');
    expect(await store.get('k')).toBe('v');
    expect(performance.now() - started).toBeGreaterThanOrEqual(58);
  });

  it('applies operations out of the order they were sent, as a slow store on a network does', async () => {
    const inner = new MemoryStore();
    const store = new DelayedStore(inner, { min: 0, max: 40 });
    // 40 pushes sent in order 0..39, none awaited before the next: the list shows the order they arrived in.
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.push('order', String(i))));
    const arrived = (await inner.range('order')).map(Number);
    expect([...arrived].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(arrived).not.toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('passes values and errors through unchanged', async () => {
    const store = new DelayedStore(new MemoryStore(), { min: 0, max: 2 });
    expect(await store.incrMany({ a: 5, b: -5 })).toEqual({ a: 5, b: -5 });
    await store.set('s', 'text');
    await expect(store.incr('s')).rejects.toThrow('key s does not hold an integer');
  });
});
