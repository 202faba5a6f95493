/**
 * Every figure the site shows, as chromium renders it: no text of a
 * sequence diagram, a timeline or a history overlaps another (labels,
 * step notes, boxes of external steps, step numbers, clock readings, bar
 * labels), none runs past the figure's edge, and the site writes a figure file only for
 * a figure some page places. Every timeline of the registry is measured
 * too, placed or not. (Run from site.test.ts, the one test file that builds
 * the site, so that no other waits for it.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE } from '../../src/site/build';
import { figuresOf } from '../../src/site/figures';
import { figureMarkers } from '../../src/site/markdown';
import { chapterFiles, read } from '../meta/repo';
import type { SiteInBrowser } from './browser';
import { textCollisions } from './browser';
import { onceChapters } from './onceRuns';

/**
 * Register the tests of the built site's figures in chromium.
 *
 * @param site - the served site and the browser, once site.test.ts's beforeAll has started them
 */
export function figuresInChromium(site: () => SiteInBrowser): void {
  let page: Page;

  /** The texts of the SVG on the page that overlap, and those outside it. */
  const collisions = (svg: string) => textCollisions(page, svg);

  describe('the site’s figures in chromium', () => {
    beforeAll(async () => {
      page = await site().browser.newPage();
    });

    afterAll(async () => {
      await page?.close();
    });

    it('writes exactly the figures its pages place', () => {
      const placed = new Set(
        chapterFiles().flatMap((f) =>
          figureMarkers(read(f))
            .filter((m) => m.kind !== 'states')
            .map((m) => m.name),
        ),
      );
      const files = readdirSync(join(SITE, 'figures')).map((f) => f.replace(/\.svg$/, ''));
      expect(new Set(files)).toEqual(placed);
    });

    it('draw no text of a sequence diagram, a timeline or a history over another, or past its edge', async () => {
      const found: string[] = [];
      let texts = 0;
      for (const f of readdirSync(join(SITE, 'figures')).sort()) {
        const svg = readFileSync(join(SITE, 'figures', f), 'utf8');
        if (!/class="wb-(seq|timeline|history)"/.test(svg)) continue;
        texts += svg.split('<text').length - 1;
        const { overlaps, outside } = await collisions(svg);
        for (const o of overlaps) found.push(`${f}: ${o} overlap`);
        for (const o of outside) found.push(`${f}: '${o}' runs past the edge`);
      }
      expect(texts).toBeGreaterThan(500);
      expect(found).toEqual([]);
    }, 120_000);

    it('draw no text of a registered timeline over another, placed or not', async () => {
      const found: string[] = [];
      for (const f of figuresOf(onceChapters).values()) {
        if (!/-timeline-/.test(f.name)) continue;
        const { overlaps, outside } = await collisions(f.svg());
        for (const o of overlaps) found.push(`${f.name}: ${o} overlap`);
        for (const o of outside) found.push(`${f.name}: '${o}' runs past the edge`);
      }
      expect(found).toEqual([]);
    }, 120_000);

    it('would see an overlap: two labels at the same spot are found', async () => {
      const svg =
        '<svg xmlns="http://www.w3.org/2000/svg" class="wb-seq" width="200" height="60" font-size="11">' +
        '<text x="10" y="20">query((1,l1))</text><text x="30" y="22">report(a, [])</text>' +
        '<text x="180" y="50">too wide for the edge</text></svg>';
      const { overlaps, outside } = await collisions(svg);
      expect(overlaps).toEqual(["'query((1,l1))' and 'report(a, [])'"]);
      expect(outside).toEqual(['too wide for the edge']);
    });
  });
}
