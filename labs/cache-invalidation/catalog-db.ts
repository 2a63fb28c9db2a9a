// The shop's database, kept as small as it can be: one JSON file per product in the run's data
// folder. Every worker (and every host) reads the same files, as every app server would query the
// same database. Reading it is what the per-worker cache saves; changing it is what the cache must
// not miss.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Product { sku: string; name: string; cents: number }

/** The catalog before any change. The scenario changes the price of `espresso`; the others are there to be cached too. */
export const INITIAL_PRODUCTS: readonly Product[] = [
  { sku: 'espresso', name: 'Espresso beans, 1 kg', cents: 1000 },
  { sku: 'grinder', name: 'Burr grinder', cents: 8900 },
  { sku: 'filter', name: 'Paper filters, 100', cents: 450 },
];

/** A sku as it may appear in a path: lower-case letters, digits and dashes (anything else is a 404). */
export const isSku = (sku: string): boolean => /^[a-z0-9-]{1,40}$/.test(sku);

const fileOf = (dataDir: string, sku: string): string => join(dataDir, 'products', `${sku}.json`);

/** The product, or undefined when there is none with this sku. */
export async function readProduct(dataDir: string, sku: string): Promise<Product | undefined> {
  try {
    return JSON.parse(await readFile(fileOf(dataDir, sku), 'utf8')) as Product;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

let writes = 0;
/** Writes the whole product atomically (a temporary file, then rename): a reader sees the old row or the new one, never half. */
export async function writeProduct(dataDir: string, product: Product): Promise<void> {
  const temporary = `${fileOf(dataDir, product.sku)}.${process.pid}.${writes++}.tmp`;
  await writeFile(temporary, JSON.stringify(product));
  await rename(temporary, fileOf(dataDir, product.sku));
}

export async function writeInitialCatalog(dataDir: string): Promise<void> {
  await mkdir(join(dataDir, 'products'), { recursive: true });
  await Promise.all(INITIAL_PRODUCTS.map((p) => writeProduct(dataDir, p)));
}

/** The new price in a PUT body, or undefined when it is not a positive whole number of cents. */
export function centsOf(body: unknown): number | undefined {
  const cents = (body as { cents?: unknown } | undefined)?.cents;
  return Number.isSafeInteger(cents) && (cents as number) > 0 ? (cents as number) : undefined;
}
