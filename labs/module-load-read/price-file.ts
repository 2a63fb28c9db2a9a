// The backing data: a JSON file in the run's data folder that another program (the scenario, here)
// rewrites while the app runs, as an admin tool or a nightly job would update a price list.
import { readFileSync } from 'node:fs';
import { readFile, rename, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Price { version: number; cents: number }

export const priceFile = (dataDir: string): string => join(dataDir, 'price.json');

export function readPriceSync(dataDir: string): Price {
  return JSON.parse(readFileSync(priceFile(dataDir), 'utf8')) as Price;
}

export async function readPrice(dataDir: string): Promise<Price> {
  return JSON.parse(await readFile(priceFile(dataDir), 'utf8')) as Price;
}

export interface WriteOptions {
  /**
   * Give the new file the old one's modification time: what a sync tool that copies timestamps does
   * (rsync -t, tar, cp -p), and what two writes within one tick of a coarse file-system clock look
   * like (1 s on ext3 and HFS+, 2 s on FAT). The content changed, the timestamp did not.
   */
  keepModifiedTime?: boolean;
}

/**
 * Writes a new version atomically (temporary file, then rename): a reader never sees half a file.
 * Its modification time is a whole second, as on a file system with one-second timestamps; that
 * also lets `keepModifiedTime` copy it exactly (utimes() takes seconds as a double, which cannot
 * carry every nanosecond that stat() reports).
 */
export async function writePrice(dataDir: string, price: Price, { keepModifiedTime = false }: WriteOptions = {}): Promise<void> {
  const temporary = `${priceFile(dataDir)}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(price));
  const seconds = keepModifiedTime ? (await stat(priceFile(dataDir))).mtimeMs / 1000 : Math.floor(Date.now() / 1000);
  await utimes(temporary, seconds, seconds);
  await rename(temporary, priceFile(dataDir));
}
