// The shop around a variant's metrics: POST /orders places an order and counts it, GET /metrics
// answers with the Prometheus text a scraper reads. The variants differ only in where that text
// comes from (buggy.ts: this worker's registry; fixed.ts: every worker's, through the primary).
// A client that asks for JSON (`Accept: application/json`, as the scenario does) gets the samples
// parsed from the very same text, summed per metric name, so that a checker can read them.
import express, { type Express } from 'express';

/** What GET /metrics serves: the exposition text and its content type (a registry's `contentType`). */
export interface Exposition { contentType: string; text: string }

export interface ShopMetrics {
  /** Counts one placed order (a prom-client Counter's inc, in the variants). */
  orderPlaced(): void;
  /** The text GET /metrics answers with. */
  exposition(): Promise<Exposition>;
}

/** The metric the lab is about: orders placed, a counter that only ever goes up. */
export const ORDERS_METRIC = 'shop_orders_total';
export const ORDERS_HELP = 'Orders placed';

/** Each metric's samples of a Prometheus text exposition, summed per name (labels set aside). */
export function samplesOf(text: string): Record<string, number> {
  const samples: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const sample = /^([A-Za-z_:][\w:]*)(?:\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!sample || line.startsWith('#')) continue;
    samples[sample[1]!] = (samples[sample[1]!] ?? 0) + Number(sample[2]);
  }
  return samples;
}

export function shopApp(metrics: ShopMetrics): Express {
  const app = express();
  app.use(express.json({ limit: '1kb' }));
  let placed = 0;

  app.post('/orders', (req, res) => {
    const sku = (req.body as { sku?: unknown } | undefined)?.sku;
    if (typeof sku !== 'string' || sku.length === 0 || sku.length > 40) {
      res.status(400).json({ error: 'the body must be {"sku": "..."}' });
      return;
    }
    // Counted before the answer: an order that was acknowledged is in the count.
    metrics.orderPlaced();
    res.status(201).json({ order: ++placed, sku });
  });

  app.get('/metrics', async (req, res) => {
    const { contentType, text } = await metrics.exposition();
    if (req.accepts(['text/plain', 'application/json']) === 'application/json') res.json({ samples: samplesOf(text) });
    else res.type(contentType).send(text);
  });

  return app;
}
