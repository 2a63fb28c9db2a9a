// For tests in a real browser: Debian's chromium driven by playwright-core (no browser download).
// Without chromium a developer's run skips them and says why; CI never does (.ci/run installs it).
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
export const chromiumPath = CANDIDATES.find((p) => existsSync(p));
export const skipWithoutChromium = chromiumPath === undefined && process.env.CI !== 'true';
export const withChromium = (name: string): string =>
  skipWithoutChromium ? `${name} (skipped: chromium is not installed; apt-get install chromium)` : name;

export function launchBrowser(): Promise<Browser> {
  if (!chromiumPath) throw new Error('chromium is not installed (apt-get install chromium, or set CHROMIUM_PATH)');
  return chromium.launch({ executablePath: chromiumPath });
}

export interface Watched { page: Page; consoleErrors: string[]; requests: string[] }

/** A new page that records console errors, page errors and every request it makes (and lets none leave the machine). */
export async function watchedPage(browser: Browser): Promise<Watched> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  page.on('request', (r) => { requests.push(r.url()); });
  await page.route((url) => !['file:', 'http:'].includes(url.protocol) || (url.protocol === 'http:' && url.hostname !== '127.0.0.1'), (route) => route.abort());
  return { page, consoleErrors, requests };
}
