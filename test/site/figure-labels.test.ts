/**
 * Every figure the site shows, as chromium renders it: no text of a
 * sequence diagram overlaps another (labels, step notes, boxes of external
 * steps, step numbers), none runs past the figure's edge, and the site
 * writes a figure file only for a figure some page places.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figureMarkers } from '../../src/site/markdown';
import { chapterFiles, read } from '../meta/repo';
import { ensureSite, launchChromium } from './browser';

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
async function collisions(svg: string): Promise<{ overlaps: string[]; outside: string[] }> {
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

  it('draw no text of a sequence diagram over another, or past its edge', async () => {
    const found: string[] = [];
    let texts = 0;
    for (const f of readdirSync(join(site, 'figures')).sort()) {
      const svg = readFileSync(join(site, 'figures', f), 'utf8');
      if (!svg.includes('class="wb-seq"')) continue;
      texts += svg.split('<text').length - 1;
      const { overlaps, outside } = await collisions(svg);
      for (const o of overlaps) found.push(`${f}: ${o} overlap`);
      for (const o of outside) found.push(`${f}: '${o}' runs past the edge`);
    }
    expect(texts).toBeGreaterThan(500);
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
