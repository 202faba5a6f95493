/**
 * The explorer in a browser (Debian's chromium), on the built site that
 * site.test.ts serves: a reader picks a mutant and steps into its failure,
 * the link replays it, a link naming an unknown mutant says so; the enabled
 * steps come grouped by process with the new ones marked, a duplicate
 * delivery says so, a step's line says what it changed in the network, the
 * ways of one action are named by what they change; and a page with a
 * mutant does not scroll sideways at 390 px. (Run from site.test.ts, the
 * one test file that builds the site, so that no other waits for it.)
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatLink } from '../../src/site/explorer/app';
import { notationCaption } from '../../src/site/notation';
import type { SiteInBrowser } from './browser';
import { wideElements } from './browser';
import { ownValuePath, paxosPath } from './explorerRuns';

/**
 * Register the explorer's browser tests.
 *
 * @param site - the served site and the browser, once site.test.ts's beforeAll has started them
 */

export function explorerInABrowser(site: () => SiteInBrowser): void {
  const problems: string[] = [];

  /** The explorer at a hash, with its script errors recorded. */
  async function explorer(hash: string, width = 1280): Promise<Page> {
    const page = await site().browser.newPage({ viewport: { width, height: 900 } });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => problems.push(`${hash}: script error ${e.message}`));
    await page.goto(`${site().server.url}explorer.html${hash}`);
    await page.locator('#wb-explorer .wb-x-bar').waitFor();
    return page;
  }

  describe('the explorer in a browser', () => {
    it('lets a reader pick a Paxos mutant and step into its failure, and the link replays it', async () => {
      const page = await explorer('#model=06-paxos');
      const ex = page.locator('#wb-explorer');
      const options = await ex.locator('select[data-testid="mutant"] option').allTextContents();
      expect(options[0]).toBe('none: the correct model');
      expect(options).toContain(
        'any allowed value: A leader picks any value in allowed_l, ignoring the statuses it heard: its round is not anchored.',
      );
      await ex.locator('select[data-testid="mutant"]').selectOption('any allowed value');
      await expect(ex.locator('[data-testid="mutant-bug"]').textContent()).resolves.toContain(
        'A leader picks any value in allowed_l',
      );
      const ob = ex.locator('[data-testid="obligation"]');
      for (const t of paxosPath) {
        await ex.locator(`button[data-step="${t}"]`).click();
        if (t !== paxosPath[paxosPath.length - 1])
          await expect(ob.getAttribute('class')).resolves.toBe('wb-obligation');
      }
      await expect(ob.getAttribute('class')).resolves.toBe('wb-obligation wb-broken');
      await expect(ob.textContent()).resolves.toContain('No sequence of D steps');
      await expect(
        ex.locator('[data-testid="invariants"] li.wb-broken').textContent(),
      ).resolves.toContain('Invariant 2');
      const link = await ex.locator('[data-testid="link"]').inputValue();
      expect(link).toContain('mutant=any+allowed+value');
      // The link opens the mutant, replays the run, and breaks at the same step.
      const again = await explorer(link.slice(`${site().server.url}explorer.html`.length));
      const ex2 = again.locator('#wb-explorer');
      await expect(ex2.locator('select[data-testid="mutant"]').inputValue()).resolves.toBe(
        'any allowed value',
      );
      await expect(ex2.locator('[data-testid="obligation"]').getAttribute('class')).resolves.toBe(
        'wb-obligation wb-broken',
      );
      await again.close();
      // Back to the correct model: the run starts again, and the same steps all match.
      await ex.locator('select[data-testid="mutant"]').selectOption('');
      await expect(page.evaluate(() => window.location.hash)).resolves.toBe('#model=06-paxos');
      await page.close();
    });

    it('shows chapter 08’s leader that commands its own value failing at its command', async () => {
      const page = await explorer(
        formatLink({ model: '08-paxos', mutant: 'own value', run: ownValuePath }),
      );
      const ex = page.locator('#wb-explorer');
      const ob = ex.locator('[data-testid="obligation"]');
      await expect(ob.getAttribute('class')).resolves.toBe('wb-obligation wb-broken');
      await expect(ob.textContent()).resolves.toContain('Command(l2, 8)');
      expect(await ex.locator('[data-testid="error"]').count()).toBe(0);
      await page.close();
    });

    it('says in one line that a link naming an unknown mutant is damaged', async () => {
      const page = await explorer('#model=06-paxos&mutant=nope&run=%5B%22Allow(7%2C%20l1)%22%5D');
      const ex = page.locator('#wb-explorer');
      const text = (await ex.locator('[data-testid="error"]').textContent()) ?? '';
      expect(text).toMatch(
        /^explorer: this link's mutant is damaged \(06-paxos has no mutant 'nope'; .*\): starting from the initial state of the correct model$/,
      );
      await expect(ex.locator('select[data-testid="mutant"]').inputValue()).resolves.toBe('');
      await expect(ex.locator('h3', { hasText: 'State after' }).textContent()).resolves.toBe(
        'State after 0 steps',
      );
      await page.close();
      // A known one opens, and a mutant f can fail before any step.
      const ring = await explorer(
        formatLink({ model: '04-ring', mutant: 'the token is the lock', run: [] }),
      );
      const ob = ring.locator('#wb-explorer [data-testid="obligation"]');
      await expect(ob.getAttribute('class')).resolves.toBe('wb-obligation wb-broken');
      await expect(ob.textContent()).resolves.toContain('the first obligation');
      await ring.close();
    });

    it('groups the steps by process, marks the new ones and the duplicates, and writes what the network gained and lost', async () => {
      const page = await explorer('#model=08-paxos');
      const ex = page.locator('#wb-explorer');
      const step = (t: string) => ex.locator(`button[data-step="${t}"]`).click();
      await step('Allow(l1, 7)');
      await step('NewRound(l1)');
      const groups = await ex
        .locator('.wb-group')
        .evaluateAll((gs) => gs.map((g) => g.getAttribute('data-group')));
      expect(groups).toEqual(['external', 'a', 'b', 'c', 'l1', 'l2', 'faults']);
      await expect(ex.locator('.wb-group[data-group="faults"] h4').textContent()).resolves.toBe(
        'faults',
      );
      const query = ex.locator('button[data-step="Deliver(query((1,l1)) → a)"]');
      await expect(query.getAttribute('class')).resolves.toContain('wb-new');
      await expect(query.locator('.wb-new-tag').textContent()).resolves.toBe('new');
      await expect(ex.locator('.wb-group[data-group="a"] button').count()).resolves.toBe(1);
      await expect(ex.locator('.wb-legend').textContent()).resolves.toMatch(
        /new the last step enabled it.*again delivers a message its receiver has had before: a duplicate/,
      );
      // Steps enabled before the last step are not new.
      await expect(
        ex.locator('button[data-step="Allow(l1, 8)"]').getAttribute('class'),
      ).resolves.not.toContain('wb-new');
      await step('Deliver(query((1,l1)) → a)');
      // The line says what the network gained, not the whole network.
      const lines = ex.locator('ol.wb-run li');
      await expect(lines.nth(2).textContent()).resolves.toBe(
        'Deliver(query((1,l1)) → a) network: + report(a, []) → l1',
      );
      await expect(
        ex.locator('button[data-step="Lose(report(a, []) → l1)"]').getAttribute('title'),
      ).resolves.toBe('fault: network: − report(a, []) → l1 (new: the last step enabled it)');
      const dup = ex.locator('button[data-step="Deliver(query((1,l1)) → a)"]');
      await expect(dup.getAttribute('class')).resolves.toContain('wb-again');
      await expect(dup.textContent()).resolves.toBe('Deliver(query((1,l1)) → a)again');
      await expect(dup.getAttribute('title')).resolves.toContain('a duplicate');
      await dup.click();
      await expect(lines.nth(3).textContent()).resolves.toBe(
        'Deliver(query((1,l1)) → a) duplicate (no change)',
      );
      await expect(lines.nth(3).getAttribute('class')).resolves.toBe('wb-again');
      await page.close();
    });

    it('names the ways one action can turn out by what each changes, nowhere by a number', async () => {
      const page = await explorer(
        formatLink({ model: '06-paxos', run: ['Allow(7, l1)', 'Allow(8, l1)', 'NewRound(l1)'] }),
      );
      const ex = page.locator('#wb-explorer');
      const second = ex.locator('button[data-step="Choose(l1, {a, b})#2"]');
      await expect(second.textContent()).resolves.toBe(
        'Choose(l1, {a, b}) · u_l1 := 8; command[(1,l1)] := 8new',
      );
      await expect(ex.locator('.wb-ways').textContent()).resolves.toContain('more than one way');
      await second.click();
      await expect(ex.textContent()).resolves.not.toMatch(/choice \d|#\d/);
      await page.close();
      // In spec T, the way of Allow(7) that matches D's step is named by what it changes.
      const d = await explorer(formatLink({ model: '03-spec-d', run: ['Allow(7)'] }));
      await expect(
        d.locator('#wb-explorer [data-testid="obligation"]').textContent(),
      ).resolves.toContain('Allow(7) with no change');
      await d.close();
    });

    it('shows the key to the diagrams, the figure chapter 01 places', async () => {
      const page = await explorer(formatLink({ model: '08-paxos', run: [] }));
      const key = page.locator('#wb-explorer [data-testid="notation"]');
      await key.locator('summary').click();
      const svg = key.locator('svg.wb-seq');
      await svg.waitFor();
      for (const t of ['solid: delivered', 'dashed: a copy again', 'external step (the client)'])
        await expect(svg.textContent()).resolves.toContain(t);
      await expect(key.textContent()).resolves.toContain(notationCaption);
      await page.close();
    });

    it('does not scroll sideways at 390 px with a mutant chosen', async () => {
      const page = await explorer(
        formatLink({ model: '08-paxos', mutant: 'own value', run: ownValuePath }),
        390,
      );
      const over = await page.evaluate(wideElements);
      expect(over).toEqual({ page: 0, out: [] });
      await page.close();
    });

    it('had no script error', () => {
      expect(problems).toEqual([]);
    });
  });
}
