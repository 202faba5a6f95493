/**
 * The figures and the pages: every plot of every chapter has a figure (and
 * every named run one: site.test.ts, from the runs the site's build made);
 * the markdown markers place figures and boxes; chapter pages have stable
 * addresses, the chapter's commands, and links to the library its code
 * uses.
 */
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { chapters } from '../../src/chapters';
import type { Chapter, NamedPlot, NamedTimeline } from '../../src/chapters/chapter';
import { chapterArg } from '../../src/chapters/chapter';
import { figuresOf } from '../../src/site/figures';
import { importsFromIndex, libraryImports } from '../../src/site/libraryUse';
import { figureMarkers, ROOT, workbookMarkdown } from '../../src/site/markdown';
import { chapterCommands, documentPage } from '../../src/site/plugin';
import { repoPath } from '../meta/repo';

describe('figures', () => {
  const figures = figuresOf(chapters);
  const nn = (ch: Chapter) => ch.id;

  it('hold every plot the registry gives', () => {
    for (const ch of chapters)
      for (const p of ch.plots ?? []) {
        const f = figures.get(p.name)!;
        expect(f.kinds).toEqual(['plot']);
        expect(f.chapter).toBe(nn(ch));
      }
  });

  it('take a chapter’s plots, named after the chapter', () => {
    const plot = (name: string): NamedPlot => ({
      name,
      title: 'a line',
      make: () => ({
        title: 'a line',
        x: { label: 'x' },
        y: { label: 'y' },
        series: [
          {
            name: 'y = x',
            points: [
              [0, 0],
              [1, 1],
            ],
          },
        ],
      }),
    });
    const ch = (plots: NamedPlot[]) =>
      ({ id: '09', slug: '09-toy', runs: [], plots }) as Partial<Chapter> as Chapter;
    const f = figuresOf([ch([plot('09-plot-line')])]).get('09-plot-line')!;
    expect(f.svg()).toMatch(/^<svg[^>]*class="wb-plot"/);
    expect(() => figuresOf([ch([plot('08-plot-line')])])).toThrow(
      "chapter 09's plot '08-plot-line' must be named 09-plot-<name>",
    );
    expect(() => figuresOf([ch([plot('09-plot-line'), plot('09-plot-line')])])).toThrow(
      'two figures are named 09-plot-line',
    );
  });
  it('take a chapter’s timelines, named after the chapter, placed as figures', () => {
    const timeline = (name: string): NamedTimeline => ({
      name,
      title: 'a lease',
      make: () => ({
        title: 'a lease',
        end: 3,
        lanes: [
          {
            name: 'p1',
            intervals: [{ from: 0.5, to: 2, label: 'w, t=2', style: 'solid' }],
            marks: [],
          },
        ],
      }),
    });
    const ch = (timelines: NamedTimeline[]) =>
      ({ id: '09', slug: '09-toy', runs: [], timelines }) as Partial<Chapter> as Chapter;
    const figures = figuresOf([ch([timeline('09-timeline-lease')])]);
    const f = figures.get('09-timeline-lease')!;
    expect(f.kinds).toEqual(['figure']);
    expect(f.caption).toBe('a lease');
    expect(f.svg()).toMatch(/^<svg[^>]*class="wb-timeline"/);
    expect(() => figuresOf([ch([timeline('09-plot-lease')])])).toThrow(
      "chapter 09's timeline '09-plot-lease' must be named 09-timeline-<name>",
    );
    const md = new MarkdownIt({ html: true });
    const problems: string[] = [];
    workbookMarkdown(md, figures, problems);
    const html = md.render('::: figure 09-timeline-lease\n');
    expect(problems).toEqual([]);
    expect(html).toContain('class="wb-timeline"');
    expect(html).toContain(`${ROOT}figures/09-timeline-lease.svg">open full size</a>`);
  });
});

describe('markdown', () => {
  const figures = figuresOf(chapters.filter((c) => c.id === '01'));
  const md = new MarkdownIt({ html: true });
  const problems: string[] = [];
  workbookMarkdown(md, figures, problems);

  it('places a figure by its marker, with a caption and the command that prints the run', () => {
    const html = md.render('Text.\n\n::: figure 01-run-demo\n\nMore.\n');
    expect(html).toContain('<figure class="wb-figure wb-kind-figure" id="figure-01-run-demo"');
    expect(html).toContain('<svg');
    expect(html).toContain('npm run workbook -- trace 1 demo');
    expect(html).toContain(`${ROOT}figures/01-run-demo.svg`);
    expect(md.render('::: states 01-run-demo\n')).toContain('<table class="wb-states">');
  });

  it('reports a marker that names no figure', () => {
    md.render('::: figure 01-run-nothing\n');
    expect(problems.at(-1)).toContain("'::: figure 01-run-nothing' names no figure");
    expect(figureMarkers('a\n::: plot 09-plot-x\n')).toEqual([
      { kind: 'plot', name: '09-plot-x', line: 2 },
    ]);
  });

  it('draws notes, errata and exercises as boxes', () => {
    const html = md.render(
      '::: note On names\nThe paper says *n_l*.\n:::\n\n::: exercise 1.1 Apply by number\nDo it.\n:::\n',
    );
    expect(html).toContain(
      '<aside class="wb-box wb-note"><p class="wb-box-title">Note: On names</p>',
    );
    expect(html).toContain('<em>n_l</em>');
    expect(html).toContain('npm run workbook -- exercise 1.1');
    expect(md.render('::: erratum\nx\n:::\n')).toContain('wb-erratum');
  });
});

describe('chapter pages', () => {
  it('have stable addresses', () => {
    expect(documentPage(repoPath('chapters/01-replicated-state-machines.md'))).toBe(
      'chapters/01-replicated-state-machines',
    );
    expect(documentPage(repoPath('docs/ARCHITECTURE.md'))).toBe('architecture');
    expect(documentPage(repoPath('README.md'))).toBeUndefined();
  });

  it.each(chapters.map((c) => [c.slug, c] as const))(
    '%s shows its commands, with the registry’s names',
    (_slug, ch) => {
      const n = chapterArg(ch);
      const cmds = chapterCommands(ch);
      expect(cmds).toContain(`npm run workbook -- run ${n} `);
      expect(cmds).toContain(`npm run workbook -- check ${n} `);
      expect(cmds).toContain(`npm test -- ${ch.id} `);
      for (const r of ch.runs) expect(cmds).toContain(`npm run workbook -- trace ${n} ${r.name} `);
      for (const e of ch.exercises) expect(cmds).toContain(`npm run workbook -- exercise ${e.id} `);
      for (const b of ch.benchmarks ?? [])
        expect(cmds).toContain(`npm run workbook -- bench ${b.name} `);
      expect(cmds.includes(`check ${n} --deep `)).toBe(ch.checks.some((c) => c.deepPinned));
    },
  );

  it('link to the library exports their code imports', () => {
    expect(
      importsFromIndex(
        "import { explore, type Machine, replay as r } from '../../index';\nimport { x } from './y';",
      ),
    ).toEqual(['explore', 'Machine', 'replay']);
    expect(libraryImports(repoPath('src/chapters/01-replicated-state-machines'))).toContain(
      'explore',
    );
  });
});
