/**
 * Every figure the site shows, as chromium renders it: no text of a
 * sequence diagram, a timeline or a history overlaps another (labels,
 * step notes, boxes of external steps, step numbers, clock readings, bar
 * labels), none runs past the figure's edge, and the site writes a figure file only for
 * a figure some page places. Every timeline of the registry is measured
 * too, placed or not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapters } from '../../src/chapters';
import { figuresOf } from '../../src/site/figures';
import { figureMarkers } from '../../src/site/markdown';
import { chapterFiles, read } from '../meta/repo';
import { ensureSite, launchChromium, textCollisions } from './browser';

let browser: Browser;
let page: Page;
let site: string;

beforeAll(async () => {
  site = await ensureSite();
  browser = await launchChromium();
  page = await browser.newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

/** The texts of the SVG on the page that overlap, and those outside it. */
const collisions = (svg: string) => textCollisions(page, svg);

describe('the site’s figures in chromium', () => {
  it('writes exactly the figures its pages place', () => {
    const placed = new Set(
      chapterFiles().flatMap((f) =>
        figureMarkers(read(f))
          .filter((m) => m.kind !== 'states')
          .map((m) => m.name),
      ),
    );
    const files = readdirSync(join(site, 'figures')).map((f) => f.replace(/\.svg$/, ''));
    expect(new Set(files)).toEqual(placed);
  });

  it('draw no text of a sequence diagram, a timeline or a history over another, or past its edge', async () => {
    const found: string[] = [];
    let texts = 0;
    for (const f of readdirSync(join(site, 'figures')).sort()) {
      const svg = readFileSync(join(site, 'figures', f), 'utf8');
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
    for (const f of figuresOf(chapters).values()) {
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
