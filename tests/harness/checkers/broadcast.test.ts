import { describe, expect, it } from 'vitest';
import { broadcastChecker, DELIVERY_MS } from '../../../harness/checkers/broadcast.js';
import type { SubscriberSeen } from '../../../harness/event-stream.js';
import { op } from '../../helpers/history.js';

const post = (text: string, at: number, worker = '1', fields = {}) => op('post', at, at + 1, { value: text, worker, ...fields });
/** A subscriber open from `opened`, closed by the harness after the drain (ok), with what it received. */
const sub = (name: string, worker: string, opened: number, messages: string[], ended?: number) => {
  const seen: SubscriberSeen = { opened, messages, ...(ended !== undefined && { ended }) };
  return op('subscribe', opened - 1, ended === undefined ? 1000 : null, { value: name, worker, seen, ...(ended !== undefined && { outcome: 'info' as const }) });
};

describe('broadcastChecker (every post reaches every subscriber, once)', () => {
  it('is ok when every subscriber got every acknowledged post, whatever the order', () => {
    const result = broadcastChecker([sub('s1', '1', 1, ['a', 'b']), sub('s2', '2', 2, ['b', 'a']), post('a', 10, '1'), post('b', 12, '2')]);
    expect(result.verdict).toBe('ok');
    expect(result.counts).toMatchObject({ posts: 2, acknowledged: 2, subscribers: 2, owedDeliveries: 4, received: 4, missedDeliveries: 0, lost: 0, duplicated: 0, neverPosted: 0 });
  });

  it('is lost when a post reached only the subscribers of the worker it was posted on, and names the others', () => {
    const history = [sub('s1', '1', 1, ['a']), sub('s2', '2', 2, []), sub('s3', '3', 3, []), post('a', 10, '1')];
    const result = broadcastChecker(history);
    expect(result.verdict).toBe('lost');
    expect(result.anomalies).toEqual(['lost']);
    expect(result.counts).toMatchObject({ lost: 1, missedDeliveries: 2, owedDeliveries: 3 });
    expect(result.examples).toEqual(['message "a" posted on worker 1 was acknowledged; 2 of the 3 subscribers listening never got it, on worker(s) 2, 3']);
  });

  it('counts repeats: the same text posted twice must arrive twice (a dedupe by text loses the second)', () => {
    const history = [sub('s1', '1', 1, ['+1', 'x']), post('+1', 10), post('x', 11), post('+1', 12, '2')];
    const result = broadcastChecker(history);
    expect(result.verdict).toBe('lost');
    expect(result.counts).toMatchObject({ lost: 1, missedDeliveries: 1 });
    // A repeated text is named by the subscriber that got it too few times, not by one of its posts.
    expect(result.examples).toEqual(['subscriber s1 on worker 1 received "+1" 1 times; it was posted and acknowledged 2 times while it listened']);
    expect(broadcastChecker([sub('s1', '1', 1, ['+1', 'x', '+1']), post('+1', 10), post('x', 11), post('+1', 12, '2')]).verdict).toBe('ok');
  });

  it('names an example for a repeated text owed only once to the subscriber that missed it', () => {
    // "+1" is posted twice, but s2 opened after the first one began: it is owed one "+1" and got none.
    const history = [sub('s1', '1', 1, ['+1', '+1']), post('+1', 10), sub('s2', '2', 15, []), post('+1', 20, '2')];
    const result = broadcastChecker(history);
    expect(result.verdict).toBe('lost');
    expect(result.counts).toMatchObject({ lost: 1, missedDeliveries: 1, owedDeliveries: 3 });
    expect(result.examples).toEqual(['subscriber s2 on worker 2 received "+1" 0 times; it was posted and acknowledged 1 times while it listened']);
  });

  it('is duplicated when a subscriber gets one post twice (delivered locally and again through the store)', () => {
    const result = broadcastChecker([sub('s1', '1', 1, ['a', 'a']), sub('s2', '2', 2, ['a']), post('a', 10)]);
    expect(result.verdict).toBe('duplicated');
    expect(result.counts).toMatchObject({ duplicated: 1, lost: 0 });
    expect(result.examples).toEqual(['subscriber s1 on worker 1 received "a" 2 times; it was posted 1 time(s)']);
  });

  it('is leaked when a subscriber gets a message nobody posted (or only a refused post sent)', () => {
    const refused = post('no', 11, '1', { outcome: 'fail', status: 400 });
    const result = broadcastChecker([sub('s1', '3', 1, ['a', 'ghost', 'no']), post('a', 10), refused]);
    expect(result.verdict).toBe('leaked');
    expect(result.counts).toMatchObject({ neverPosted: 2, lost: 0 });
    expect(result.examples).toContain('subscriber s1 on worker 3 received "ghost", which nobody posted');
  });

  it('lets an indeterminate post arrive or not, and still allows it only once', () => {
    const unsure = op('post', 12, null, { value: 'maybe' });
    expect(broadcastChecker([sub('s1', '1', 1, ['a', 'maybe']), sub('s2', '2', 2, ['a']), post('a', 10), unsure]).verdict).toBe('ok');
    expect(broadcastChecker([sub('s1', '1', 1, ['a', 'maybe', 'maybe']), post('a', 10), unsure]).verdict).toBe('duplicated');
  });

  it('owes a subscriber only the posts begun after its stream was open', () => {
    const result = broadcastChecker([post('early', 0), sub('s1', '1', 5, []), post('a', 10), sub('s2', '2', 20, ['a'])]);
    // s1 missed nothing it was owed but "a"; s2 opened after "a" began: "a" may or may not reach it.
    expect(result.verdict).toBe('lost');
    expect(result.counts).toMatchObject({ owedDeliveries: 1, missedDeliveries: 1 });
    expect(broadcastChecker([post('early', 0), sub('s1', '1', 5, ['a', 'early']), post('a', 10)]).verdict).toBe('ok');
  });

  it('owes a subscriber whose stream broke only what was acknowledged well before the break', () => {
    // Its worker died at 1000: "old" was answered long before and had to arrive; "late" was in flight.
    const broken = sub('s1', '1', 1, [], 1000);
    const history = [broken, sub('s2', '2', 2, ['old', 'late']), post('old', 10), post('late', 1000 - DELIVERY_MS + 5)];
    const result = broadcastChecker(history);
    expect(result.verdict).toBe('lost');
    expect(result.counts).toMatchObject({ broken: 1, missedDeliveries: 1, lost: 1 });
    expect(result.examples[0]).toMatch(/^message "old" posted on worker 1 was acknowledged; 1 of the 2 subscribers listening/);
    expect(broadcastChecker([sub('s1', '1', 1, ['old'], 1000), sub('s2', '2', 2, ['old', 'late']), post('old', 10), post('late', 900)]).verdict).toBe('ok');
  });

  it('is unknown with nothing to judge: no acknowledged post, or no open subscriber', () => {
    expect(broadcastChecker([sub('s1', '1', 1, [])]).verdict).toBe('unknown');
    expect(broadcastChecker([post('a', 10), op('subscribe', 0, null, { value: 's1' })]).verdict).toBe('unknown');
    // Streams were open, but every post began before them, or their worker died before any was due.
    expect(broadcastChecker([post('a', 0), sub('s1', '1', 5, [])]).verdict).toBe('unknown');
    expect(broadcastChecker([sub('s1', '1', 1, [], 100), post('a', 10)]).verdict).toBe('unknown');
  });

  it('puts lost first when several anomalies show', () => {
    const result = broadcastChecker([sub('s1', '1', 1, ['ghost', 'b', 'b']), post('a', 10), post('b', 11)]);
    expect(result.verdict).toBe('lost');
    expect(result.anomalies).toEqual(expect.arrayContaining(['lost', 'leaked', 'duplicated']));
  });
});
