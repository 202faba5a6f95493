/**
 * Helpers for the browser tests: Debian's chromium driven by playwright-core
 * (`.ci/run` installs it; `npx playwright install` cannot work here), the
 * site built once per test run (or reused if it is fresh), and a server on a
 * free loopback port.
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { repoPath } from '../../src/cli/repo';
import { buildSite, isFresh, SITE } from '../../src/site/build';
import type { Served } from '../../src/site/serve';
import { serveSite } from '../../src/site/serve';
import { onceChapters } from './onceRuns';

/** The served site and the browser that site.test.ts starts, for the suites it runs. */
export interface SiteInBrowser {
  readonly server: Served;
  readonly browser: Browser;
}

/** Where Debian installs chromium. */
export const CHROMIUM = '/usr/bin/chromium';

/** Where screenshots go (ignored by git). */
export const ARTIFACTS = repoPath('artifacts');

/**
 * Launch chromium headless. Fails, never skips, if it is not installed.
 *
 * @returns the browser
 * @throws Error saying how to install chromium
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `chromium is not installed at ${CHROMIUM}: install it with 'apt-get install -y chromium' (.ci/run does)`,
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    timeout: 30_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Held while one test worker builds the site, so that workers do not build it twice at once. */
const LOCK = repoPath('artifacts/site-build-lock');

/**
 * The site, built now unless the one in `docs/site` was built from the
 * inputs as they are. Test files run in two workers: the first that finds
 * the site stale builds it, holding a lock (a directory, made atomically),
 * and the others wait for it and then use what it built.
 *
 * @returns the site's folder
 * @throws Error with the build's errors if it fails
 */
export async function ensureSite(): Promise<string> {
  for (;;) {
    if (isFresh(SITE)) return SITE;
    try {
      mkdirSync(ARTIFACTS, { recursive: true });
      mkdirSync(LOCK);
    } catch {
      // Another worker is building; a lock older than ten minutes is a build that died.
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 600_000) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    try {
      if (isFresh(SITE)) return SITE;
      // The registry with each named run made once: the tests in this
      // process that draw the runs' figures use the runs the build made.
      const r = await buildSite({ quiet: true, chapters: onceChapters });
      if (!r.ok)
        throw new Error(
          `npm run docs failed:\n${r.messages
            .filter((m) => m.level !== 'info')
            .map((m) => m.text)
            .join('\n')}`,
        );
      return SITE;
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}

/**
 * Serve the site on a free port of 127.0.0.1.
 *
 * @returns the server
 */
export async function serve(): Promise<Served> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return serveSite(await ensureSite(), 0);
}

/**
 * Run in the page (`page.evaluate(wideElements)`): how far the page scrolls
 * sideways, and the first elements of the content wider than the screen
 * that do not scroll inside a box of their own (a figure, a table or a code
 * block may).
 *
 * @returns the page's sideways scroll in pixels, and up to five such elements
 */
export function wideElements(): { page: number; out: string[] } {
  const vw = document.documentElement.clientWidth;
  const scrolls = (e: Element | null): boolean => {
    for (let x = e; x; x = x.parentElement) {
      const ov = getComputedStyle(x).overflowX;
      if (
        (ov === 'auto' || ov === 'scroll') &&
        x !== document.documentElement &&
        x !== document.body
      )
        return true;
    }
    return false;
  };
  const out: string[] = [];
  for (const e of Array.from(document.querySelectorAll('.col-content *'))) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.right <= vw + 1 || scrolls(e.parentElement)) continue;
    out.push(
      `${e.tagName.toLowerCase()}.${(e.getAttribute('class') ?? '').split(' ')[0]} right ${Math.round(r.right)}`,
    );
  }
  return { page: document.documentElement.scrollWidth - vw, out: out.slice(0, 5) };
}

/**
 * Draw an SVG figure on the page and measure its texts as chromium lays
 * them out: which overlap (a text and the box drawn around it count as
 * one), and which run past the figure's edge. A sequence diagram's lane
 * headers are left out.
 *
 * @param page - a page of {@link launchChromium}'s browser
 * @param svg - the figure
 * @returns the overlapping pairs and the texts outside, by their words
 */
export async function textCollisions(
  page: Page,
  svg: string,
): Promise<{ overlaps: string[]; outside: string[] }> {
  await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
  return page.evaluate(() => {
    const root = document.querySelector('svg')!;
    const W = Number(root.getAttribute('width'));
    const H = Number(root.getAttribute('height'));
    // A text, or the box drawn around one (an external step), as the browser lays it out.
    const items = [
      ...Array.from(root.querySelectorAll('text'))
        .filter((t) => !t.closest('.wb-lane'))
        .map((t) => ({ what: t.textContent ?? '', b: t.getBBox(), boxed: false })),
      ...Array.from(root.querySelectorAll('.wb-external rect')).map((r) => ({
        what: `[${r.nextElementSibling?.textContent ?? ''}]`,
        b: (r as SVGRectElement).getBBox(),
        boxed: true,
      })),
    ];
    const overlaps: string[] = [];
    for (let i = 0; i < items.length; i++)
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i]!;
        const c = items[j]!;
        // A box and the text it is drawn around are one thing.
        if (a.boxed !== c.boxed && (a.what === `[${c.what}]` || c.what === `[${a.what}]`)) continue;
        const e = 0.5;
        if (
          a.b.x < c.b.x + c.b.width - e &&
          c.b.x < a.b.x + a.b.width - e &&
          a.b.y < c.b.y + c.b.height - e &&
          c.b.y < a.b.y + a.b.height - e
        )
          overlaps.push(`'${a.what}' and '${c.what}'`);
      }
    const outside = items
      .filter((t) => t.b.x < 0 || t.b.y < 0 || t.b.x + t.b.width > W || t.b.y + t.b.height > H)
      .map((t) => t.what);
    return { overlaps, outside };
  });
}
