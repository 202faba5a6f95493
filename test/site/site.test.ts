/**
 * The site in a real browser (Debian's chromium, driven by playwright-core):
 * it loads, chapter navigation works, search finds a term, an included code
 * region is shown highlighted, a figure renders, every chapter page has its
 * commands and figures, and in the explorer a few clicks deliver a message
 * and change the state and its abstract image. Screenshots of a chapter page
 * and of the explorer are saved in artifacts/. And `npm start`: a busy or
 * bad port is reported before any build, a fresh site is served as it is.
 */

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapters } from '../../src/chapters';
import { chapterArg } from '../../src/chapters/chapter';
import { repoPath } from '../../src/cli/repo';
import { SITE } from '../../src/site/build';
import { figuresOf } from '../../src/site/figures';
import { figureMarkers } from '../../src/site/markdown';
import { formatNumber, PLACEHOLDER, resolvePlaceholder } from '../../src/site/numbers';
import type { Served } from '../../src/site/serve';
import { TRANSCRIPTS, transcriptsOf } from '../../src/site/transcripts';
import { chapterFiles, read } from '../meta/repo';
import type { SiteInBrowser } from './browser';
import { ARTIFACTS, launchChromium, serve, wideElements } from './browser';
import { explorerInABrowser } from './explorerBrowser';
import { figuresInChromium } from './figureLabels';
import { onceChapters } from './onceRuns';

let server: Served;
let browser: Browser;
const problems: string[] = [];

/** A new page that records failed requests and script errors. */
async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => problems.push(`${path}: script error ${e.message}`));
  // The site works offline: it asks for nothing but its own files.
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:'))
      problems.push(`${path}: asked for ${u}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico'))
      problems.push(`${path}: ${r.status()} ${r.url()}`);
  });
  await page.goto(server.url + path);
  // TypeDoc's script shows the page once it has set up.
  await page.locator('.col-content').waitFor({ state: 'visible' });
  return page;
}

const withProse = chapters.filter((c) => chapterFiles().includes(`chapters/${c.slug}.md`));
const first = withProse[0]!;

beforeAll(async () => {
  server = await serve();
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the site in a browser', () => {
  it('loads, with every chapter in the navigation', async () => {
    const page = await open('index.html');
    await expect(page.title()).resolves.toContain('workbook');
    const nav = page.locator('#tsd-nav-container');
    for (const ch of withProse)
      await nav
        .locator(`a[href*="chapters/${ch.slug}.html"]`)
        .first()
        .waitFor({ state: 'attached' });
    await nav.getByText('API reference').first().waitFor();
    await page.close();
  });

  it('has one top heading on the home page, the README’s', async () => {
    const page = await open('index.html');
    await expect(page.locator('.col-content h1').allTextContents()).resolves.toEqual([
      read('README.md').split('\n')[0]!.replace(/^# /, ''),
    ]);
    await page.close();
  });

  it('navigates from the home page to a chapter and on to the next', async () => {
    const page = await open('index.html');
    await page.locator(`#tsd-nav-container a[href*="chapters/${first.slug}.html"]`).first().click();
    await page.waitForURL(`**/chapters/${first.slug}.html`);
    await expect(page.locator('.tsd-panel h1').first().textContent()).resolves.toContain(
      first.title,
    );
    const second = withProse[1];
    if (second) {
      await page.locator('.wb-chapter-nav a', { hasText: second.title }).click();
      await page.waitForURL(`**/chapters/${second.slug}.html`);
    }
    await page.close();
  });

  it('finds a term of a chapter with the search box', async () => {
    const page = await open('index.html');
    await page.click('#tsd-search-trigger');
    await page.fill('#tsd-search-input', 'deterministic');
    const hit = page.locator('#tsd-search-results a', { hasText: first.title });
    await hit.first().waitFor();
    await hit.first().click();
    await page.waitForURL(`**/chapters/${first.slug}.html`);
    await page.close();
  });

  it('shows an included code region highlighted, and a generated figure', async () => {
    const page = await open(`chapters/${first.slug}.html`);
    // chapter 01 includes replication.ts#actions, which defines the Request action
    const code = page.locator('pre code', { hasText: 'const Request = processAction(' });
    await code.first().waitFor();
    expect(await code.first().locator('span[class^="hl-"]').count()).toBeGreaterThan(10);
    const fig = page.locator('figure[data-figure="01-run-demo"] svg');
    await fig.scrollIntoViewIfNeeded();
    const box = await fig.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(300);
    expect(await fig.locator('.wb-msg').count()).toBeGreaterThan(10);
    await expect(fig.locator('.wb-lane text').allTextContents()).resolves.toEqual([
      'primary',
      'r1',
      'r2',
      'r3',
    ]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({
      path: join(ARTIFACTS, `site-chapter-${first.slug}.png`),
      fullPage: true,
    });
    await page.close();
  });

  it('says in one line that a damaged link is damaged, and says when Copy link has copied', async () => {
    const page = await open('explorer.html#model=01-replication&run=%5B%22Request(x');
    const ex = page.locator('#wb-explorer');
    const err = ex.locator('[data-testid="error"]');
    await err.waitFor();
    const text = (await err.textContent()) ?? '';
    expect(text).toMatch(
      /^explorer: this link's run is damaged .*starting from the initial state$/,
    );
    expect(text).not.toMatch(/JSON\.parse|Unexpected|position \d/);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await ex.locator('button[data-do="copy"]').click();
    await expect
      .poll(async () => ex.locator('[data-testid="copied"]').textContent())
      .toMatch(/^(copied|the browser refused to copy: .*)$/);
    await page.close();
  });

  it('lets a reader deliver a message in the explorer and see state and image change', async () => {
    const page = await open('explorer.html#model=01-replication');
    const ex = page.locator('#wb-explorer');
    const step = (t: string) => ex.locator(`button[data-step="${t}"]`).click();
    const row = (table: string, name: string) =>
      ex.locator(`table.${table} tr`, { has: page.locator(`th:text-is("${name}")`) }).locator('td');
    await ex.locator('button.wb-external', { hasText: 'Request(Write(x, 1))' }).waitFor();
    await step('Request(Write(x, 1))');
    await expect(row('wb-state', 'network').textContent()).resolves.toBe('1 → r1, 1 → r2, 1 → r3');
    await expect(row('wb-image', 'applied').textContent()).resolves.toBe('0');
    await step('Deliver(1 → r2)');
    await expect(row('wb-state', 'r2').textContent()).resolves.toContain('applied 1, {x: 1}');
    await expect(row('wb-image', 'applied').textContent()).resolves.toBe('1');
    await expect(row('wb-image', 'state').textContent()).resolves.toBe('{x: 1}');
    await expect(ex.locator('[data-testid="obligation"]').textContent()).resolves.toContain(
      'Apply',
    );
    // a fault, marked as one, drawn as a lost message
    const drop = ex.locator('button.wb-fault[data-step="Lose(1 → r3)"]');
    await drop.click();
    await ex.locator('.wb-diagram svg .wb-lost').first().waitFor();
    await ex.locator('.wb-diagram svg .wb-received').first().waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, 'site-explorer.png'), fullPage: true });
    // undo, and the link replays the run
    await ex.locator('button[data-do="undo"]').click();
    await expect(row('wb-state', 'network').textContent()).resolves.toBe('1 → r1, 1 → r3');
    const link = await ex.locator('[data-testid="link"]').inputValue();
    expect(link).toContain('Deliver');
    const again = await open(link.slice(server.url.length));
    const ex2 = again.locator('#wb-explorer');
    await expect(
      ex2
        .locator('table.wb-state tr', { has: again.locator('th:text-is("r2")') })
        .locator('td')
        .textContent(),
    ).resolves.toContain('applied 1');
    await again.close();
    await ex.locator('button[data-do="reset"]').click();
    await expect(row('wb-state', 'log').textContent()).resolves.toBe('-');
    await page.close();
  });

  it('shows in the explorer where spec D steps are not matched by T', async () => {
    const page = await open('explorer.html#model=03-spec-d');
    const ex = page.locator('#wb-explorer');
    await ex.locator('button[data-step="Allow(7)"]').click();
    await expect(ex.locator('[data-testid="obligation"]').textContent()).resolves.toContain(
      'Allow(7)',
    );
    await ex.locator('button[data-step="Agree(7)"]').click();
    await expect(ex.locator('[data-testid="obligation"]').textContent()).resolves.toContain(
      'No sequence of T steps',
    );
    await page.close();
  });

  // The checks of a chapter's page read one load of it (none changes it but
  // the last, which narrows it): loading it once instead of four times.
  describe.each(withProse.map((c) => [c.slug, c] as const))('%s', (slug, ch) => {
    let page: Page;
    beforeAll(async () => {
      page = await open(`chapters/${slug}.html`);
    });
    afterAll(async () => {
      await page?.close();
    });

    it('has its commands, its code and its figures', async () => {
      const box = page.locator('.wb-run-box');
      await expect(box.textContent()).resolves.toContain(
        `npm run workbook -- run ${chapterArg(ch)}`,
      );
      await expect(box.textContent()).resolves.toContain(`npm test -- ${ch.id}`);
      for (const m of figureMarkers(read(`chapters/${slug}.md`)))
        await page.locator(`figure[data-figure="${m.name}"] :is(svg, table)`).first().waitFor();
      expect(await page.locator('.wb-missing-figure').count()).toBe(0);
    });

    it('shows every transcript with its lines unwrapped at 1280 px', async () => {
      // An inline element has one client rectangle per line box it spans:
      // a wrapped line adds one. Each transcript's rendered lines must be its
      // source lines.
      const counts = await page.evaluate(() =>
        Array.from(document.querySelectorAll('pre > code.txt')).map((code) => {
          const text = code.textContent ?? '';
          // Lines with something to draw (an empty line may give no rectangle).
          const lines = text
            .replace(/\n$/, '')
            .split('\n')
            .filter((l: string) => l.trim() !== '').length;
          const tops = new Set(
            Array.from(code.getClientRects())
              .filter((r) => r.width > 0)
              .map((r) => Math.round(r.top)),
          );
          return { lines, rendered: tops.size, head: text.slice(0, 40) };
        }),
      );
      const wrapped = counts.filter((c) => c.rendered !== c.lines);
      expect(wrapped).toEqual([]);
    });

    it('fits every sequence diagram to the column at 1280 px, with a link to it full size', async () => {
      const figs = await page.evaluate(() =>
        Array.from(document.querySelectorAll('figure.wb-kind-figure')).map((f) => {
          const svg = f.querySelector('svg')!;
          const body = f.querySelector('.wb-figure-body')!;
          const link = Array.from(f.querySelectorAll('figcaption a')).find(
            (a) => a.textContent === 'open full size',
          );
          return {
            name: f.getAttribute('data-figure'),
            over: Math.round(svg.getBoundingClientRect().width - body.clientWidth),
            link: link?.getAttribute('href')?.endsWith(`${f.getAttribute('data-figure')}.svg`),
          };
        }),
      );
      expect(figs.filter((f) => f.over > 0 || !f.link)).toEqual([]);
    });

    // Last: it narrows the page. Nothing on the site lays a page out by
    // script at load (site.ts does not; TypeDoc's main.js measures the width
    // only to open its menu), so the narrowed page is the page loaded at 390 px.
    it('does not scroll sideways at 390 px, except inside a figure, a table or a code block', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await page.evaluate(wideElements)).toEqual({ page: 0, out: [] });
    });
  });

  // A chapter's page is measured at 390 px in its describe above, narrowed.
  it.each(['index.html', 'explorer.html', 'architecture.html'])(
    '%s does not scroll sideways at 390 px, except inside a figure, a table or a code block',
    async (path) => {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await page.goto(server.url + path);
      await page.locator('.col-content').waitFor({ state: 'visible' });
      const wide = await page.evaluate(wideElements);
      await page.close();
      expect(wide).toEqual({ page: 0, out: [] });
    },
  );

  it('asked only for its own files, all found, with no script error', () => {
    expect(problems).toEqual([]);
  });
});

/** The site and the browser, once beforeAll has started them. */
const running = (): SiteInBrowser => ({ server, browser });
explorerInABrowser(running);
figuresInChromium(running);

describe('the named runs', () => {
  const figures = figuresOf(onceChapters);

  it.each(chapters.flatMap((ch) => ch.runs.map((r) => [`${ch.id}-run-${r.name}`])))(
    '%s is drawn from its run',
    (name) => {
      const f = figures.get(name)!;
      expect(f).toBeDefined();
      expect(f.svg()).toMatch(/^<svg[^>]*class="wb-seq"/);
      expect(f.states!()).toMatch(/^<table class="wb-states">/);
    },
  );

  // test/meta/transcripts.test.ts compares the demos' transcripts.
  it.each(
    onceChapters.flatMap((ch) => [...transcriptsOf(ch)].filter(([name]) => name.includes('-run-'))),
  )('%s is up to date (npm run transcripts)', async (name, make) => {
    const file = join(TRANSCRIPTS, name);
    expect(existsSync(file), `${file} exists`).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(`${await make()}\n`);
  });
});

describe('the built site', () => {
  it('draws every named run and every plot, and holds a file for exactly the figures its pages place', () => {
    const stamp = JSON.parse(readFileSync(join(SITE, '.workbook-build.json'), 'utf8')) as {
      figures: string[];
    };
    for (const ch of chapters) {
      for (const r of ch.runs) expect(stamp.figures).toContain(`${ch.id}-run-${r.name}`);
      for (const p of ch.plots ?? []) expect(stamp.figures).toContain(p.name);
    }
    const pages = [
      ...withProse.map((c) => `chapters/${c.slug}.md`),
      'README.md',
      'docs/explorer.md',
      'docs/ARCHITECTURE.md',
    ];
    const placed = new Set(
      pages.flatMap((f) =>
        figureMarkers(read(f))
          .filter((m) => m.kind !== 'states')
          .map((m) => m.name),
      ),
    );
    const files = readdirSync(join(SITE, 'figures')).map((f) => f.replace(/\.svg$/, ''));
    expect(files.sort()).toEqual([...placed].sort());
  });

  it.each(withProse.map((c) => [c.slug] as const))(
    '%s shows the registry’s numbers where its prose has placeholders',
    (slug) => {
      const page = readFileSync(join(SITE, `chapters/${slug}.html`), 'utf8');
      // Code is shown as written: only the prose's placeholders stand for numbers.
      const prose = read(`chapters/${slug}.md`)
        .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
        .replace(/(`+)[\s\S]*?\1/g, '');
      for (const m of prose.matchAll(PLACEHOLDER)) {
        const r = resolvePlaceholder(chapters, m[1]!);
        expect(r).toHaveProperty('value');
        if ('value' in r) expect(page).toContain(formatNumber(r.value));
      }
      const text = page.replace(/<pre[\s\S]*?<\/pre>/g, '').replace(/<code[\s\S]*?<\/code>/g, '');
      expect(text).not.toMatch(/\{\{\d\d\//);
    },
  );
});

/** Run serve.ts with these arguments until `until` matches its output or it exits; then stop it. */
function start(
  args: string[],
  env: Record<string, string>,
  until: RegExp,
): Promise<{ out: string; code: number | null; ms: number }> {
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', repoPath('src/site/serve.ts'), ...args],
    { cwd: repoPath('.'), env: { ...process.env, ...env } },
  );
  let out = '';
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (until.test(out)) child.kill('SIGTERM');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ out, code, ms: performance.now() - t0 });
    });
  });
}

describe('npm start', () => {
  let busy: ReturnType<typeof createServer>;
  let busyPort = 0;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
    busyPort = (busy.address() as { port: number }).port;
  }, 10_000);
  afterAll(() => {
    busy?.close();
  });

  it('reports a busy port before building anything, and says how to choose another', async () => {
    const r = await start(['--port', String(busyPort)], {}, /(?!)/);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`cannot listen on 127.0.0.1:${busyPort}`);
    expect(r.out).toContain("'npm start -- --port N' or PORT=N");
    expect(r.out).not.toMatch(/docs: /);
  });

  it('refuses a port that is not one, in one line, from --port or from PORT', async () => {
    const a = await start(['--port', 'eighty'], {}, /(?!)/);
    expect(a.code).toBe(2);
    expect(a.out.trim()).toBe("start: expected a port from 0 to 65535 after --port, got 'eighty'");
    const b = await start([], { PORT: '70000' }, /(?!)/);
    expect(b.code).toBe(2);
    expect(b.out.trim()).toBe("start: expected a port from 0 to 65535 in PORT, got '70000'");
  });

  it('serves a site built from the sources as they are without building it again', async () => {
    // The site was built (or found fresh) by beforeAll's serve().
    const r = await start(['--port', '0'], {}, /site is at http:\/\/127\.0\.0\.1:\d+\//);
    expect(r.out).toContain('built from the sources as they are');
    expect(r.out).not.toMatch(/docs: /);
    expect(r.out).toMatch(/The workbook's site is at http:\/\/127\.0\.0\.1:\d+\//);
  }, 60_000);
});
