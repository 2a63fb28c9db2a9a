// Broadcast semantics: every message posted must reach every subscriber, once per post.
//   lost       = an acknowledged post, begun after a subscriber's stream was open, never reached it
//                (or reached it fewer times than the same text was posted and acknowledged);
//   leaked     = a subscriber received a message that nobody posted;
//   duplicated = a subscriber received a text more times than it was posted (acknowledged or
//                indeterminate), so one post reached it twice.
// An indeterminate post (no answer) may or may not arrive: never owed, but allowed. A subscriber whose
// stream ended before the drain (its worker died or left) is owed only the posts acknowledged
// DELIVERY_MS before it ended: a message in flight when a worker dies may die with it.
// History ops: `post` with `value` = the text; `subscribe` with `seen` = SubscriberSeen (the
// `subscribe` step, harness/subscribers.ts), `outcome` ok when the harness closed it after the drain.
import type { CheckResult } from '../contract.js';
import { n, type History, type Op } from '../history.js';
import { isSubscriberSeen, type SubscriberSeen } from '../event-stream.js';
import { finish, onePerWorker, unknown, workersOf } from './result.js';

/** How long a message may take from its post's answer to a subscriber whose stream then breaks. */
export const DELIVERY_MS = 500;

type Subscriber = Op & { seen: SubscriberSeen };

const countOf = (texts: Iterable<string>): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
};

/** The acknowledged posts a subscriber must have received: begun after it opened, and (if its stream broke) answered well before. */
function owedTo(sub: Subscriber, acked: readonly Op[]): Op[] {
  const { opened, ended } = sub.seen;
  return acked.filter((p) => p.invoke >= opened && (ended === undefined || p.complete! <= ended - DELIVERY_MS));
}

export function broadcastChecker(history: History): CheckResult {
  const posts = history.filter((op) => op.op === 'post' && op.value !== undefined);
  const acked = posts.filter((op) => op.outcome === 'ok');
  const subscribers = history.filter((op): op is Subscriber => op.op === 'subscribe' && isSubscriberSeen(op.seen));
  const counts: Record<string, number> = {
    posts: posts.length,
    acknowledged: acked.length,
    indeterminate: posts.filter((op) => op.outcome === 'info').length,
    subscribers: subscribers.length,
    broken: subscribers.filter((s) => s.seen.ended !== undefined).length,
  };
  if (acked.length === 0) return unknown(counts, 'no post was acknowledged, so there is nothing to judge');
  if (subscribers.length === 0) return unknown(counts, 'no subscriber stream was open, so there is nothing to judge');

  // How many times each text may arrive: once per post that was acknowledged or may have happened.
  const posted = countOf(posts.filter((p) => p.outcome !== 'fail').map((p) => String(p.value)));
  // A text acknowledged once names its post in an example; one acknowledged again and again ("+1") names
  // the subscriber that got it too few times (even if only one of its posts was owed to that subscriber).
  const repeated = countOf(acked.map((p) => String(p.value)));
  const missedBy = new Map<Op, Subscriber[]>(); // acknowledged post -> subscribers it never reached
  const shortOf: Array<{ op: Subscriber; text: string; got: number; due: number }> = []; // texts acknowledged several times
  const extras: Array<{ op: Subscriber; text: string; got: number; allowed: number }> = [];
  const listeners = new Map<Op, number>(); // acknowledged post -> subscribers it was owed to
  let owed = 0;
  let missing = 0;
  let received = 0;
  for (const sub of subscribers) {
    const got = countOf(sub.seen.messages);
    received += sub.seen.messages.length;
    const owedPosts = owedTo(sub, acked);
    owed += owedPosts.length;
    for (const p of owedPosts) listeners.set(p, (listeners.get(p) ?? 0) + 1);
    // Posts of one text are interchangeable: when a text arrived k times too few, the last k posts of it missed.
    const short = new Map<string, number>();
    for (const [text, due] of countOf(owedPosts.map((p) => String(p.value)))) {
      if ((got.get(text) ?? 0) >= due) continue;
      short.set(text, due - (got.get(text) ?? 0));
      if ((repeated.get(text) ?? 0) > 1) shortOf.push({ op: sub, text, got: got.get(text) ?? 0, due });
    }
    for (const post of [...owedPosts].reverse()) {
      const left = short.get(String(post.value)) ?? 0;
      if (left === 0) continue;
      short.set(String(post.value), left - 1);
      missing++;
      const missed = missedBy.get(post);
      if (missed) missed.push(sub);
      else missedBy.set(post, [sub]);
    }
    for (const [text, count] of got) {
      const allowed = posted.get(text) ?? 0;
      if (count > allowed) extras.push({ op: sub, text, got: count, allowed });
    }
  }
  if (owed === 0) return unknown({ ...counts, owedDeliveries: 0 }, 'no subscriber was open when an acknowledged post began, so there is nothing to judge');
  const neverPosted = extras.filter((e) => e.allowed === 0);
  const tooMany = extras.filter((e) => e.allowed > 0);
  Object.assign(counts, {
    owedDeliveries: owed,
    received,
    missedDeliveries: missing,
    lost: missedBy.size,
    neverPosted: neverPosted.length,
    duplicated: tooMany.reduce((sum, e) => sum + e.got - e.allowed, 0),
  });

  const lostExamples = onePerWorker([...missedBy].filter(([op]) => repeated.get(String(op.value)) === 1).map(([op, missed]) => ({ op, missed })))
    .map(({ op, missed }) => `message "${String(op.value)}" posted on worker ${op.worker} was acknowledged; ${n(missed.length)} of the ${n(listeners.get(op) ?? 0)} subscribers listening never got it, on worker(s) ${workersOf(missed)}`);
  const shortExamples = onePerWorker(shortOf)
    .map(({ op, text, got, due }) => `subscriber ${String(op.value)} on worker ${op.worker} received "${text}" ${n(got)} times; it was posted and acknowledged ${n(due)} times while it listened`);
  const extraExamples = onePerWorker(tooMany)
    .map(({ op, text, got, allowed }) => `subscriber ${String(op.value)} on worker ${op.worker} received "${text}" ${n(got)} times; it was posted ${n(allowed)} time(s)`);
  const leakExamples = onePerWorker(neverPosted)
    .map(({ op, text }) => `subscriber ${String(op.value)} on worker ${op.worker} received "${text}", which nobody posted`);
  return finish({ lost: missedBy.size > 0, leaked: neverPosted.length > 0, duplicated: tooMany.length > 0 }, counts, [...lostExamples, ...shortExamples, ...extraExamples, ...leakExamples]);
}
