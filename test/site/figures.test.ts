/**
 * The figures: sequence diagrams draw lanes, arrows, lost messages and
 * crashes; a run without a chapter diagram still gets one; every named run
 * of every chapter has a figure; plots draw axes and series; the markdown
 * markers place figures and boxes; chapters link to the library they use.
 */
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { chapters } from '../../src/chapters';
import { config, replication } from '../../src/chapters/01-replicated-state-machines/replication';
import { replay, type SequenceDiagram } from '../../src/index';
import { fallbackDiagram } from '../../src/site/fallbackDiagram';
import { figuresOf } from '../../src/site/figures';
import { importsFromIndex, libraryImports } from '../../src/site/libraryUse';
import { figureMarkers, ROOT, workbookMarkdown } from '../../src/site/markdown';
import { niceTicks, plotSvg } from '../../src/site/plot';
import { chapterCommands, documentPage } from '../../src/site/plugin';
import { sequenceSvg } from '../../src/site/sequenceSvg';
import { repoPath } from '../meta/repo';

const count = (svg: string, cls: string) => svg.split(`class="${cls}`).length - 1;

const faults: SequenceDiagram = {
  title: 'a lost message and a crash',
  lanes: ['a', 'b', 'c'],
  events: [
    { step: 1, kind: 'send', lane: 'a', to: ['b', 'c'], id: 1, message: 'prepare(1)' },
    { step: 2, kind: 'receive', lane: 'b', id: 1, message: 'prepare(1)', note: 'n := 1' },
    { step: 3, kind: 'drop', lane: 'c', id: 1, message: 'prepare(1)' },
    { step: 4, kind: 'crash', lane: 'b' },
    { step: 5, kind: 'send', lane: 'a', to: ['c'], id: 2, message: 'accept(1, 7)' },
    { step: 6, kind: 'duplicate', lane: 'c', id: 2 },
    { step: 7, kind: 'receive', lane: 'c', id: 2, message: 'accept(1, 7)' },
    { step: 8, kind: 'recover', lane: 'b' },
    { step: 9, kind: 'external', lane: 'a', message: 'Outcome -> 7' },
  ],
};

describe('sequence diagrams', () => {
  it('draw a lane per process, an arrow per delivered copy, lost, duplicated and in-flight copies, and crashes', () => {
    const svg = sequenceSvg(faults, { idPrefix: 't' });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(count(svg, 'wb-lane')).toBe(3);
    expect(count(svg, 'wb-msg wb-received')).toBe(2);
    expect(count(svg, 'wb-msg wb-lost')).toBe(1);
    expect(count(svg, 'wb-msg wb-inflight')).toBe(1); // the duplicate nobody received
    expect(count(svg, 'wb-crash')).toBe(1);
    expect(count(svg, 'wb-recover')).toBe(1);
    expect(count(svg, 'wb-down')).toBe(1); // b's lane is dashed while it is down
    expect(count(svg, 'wb-external')).toBe(1);
    expect(svg).toContain('dup accept(1, 7)');
    expect(svg).toContain('<title>a lost message and a crash</title>');
  });

  it('escape the texts they draw', () => {
    const svg = sequenceSvg({
      lanes: ['<a>'],
      events: [{ step: 1, kind: 'local', lane: '<a>', note: 'x & "y"' }],
    });
    expect(svg).toContain('&lt;a&gt;');
    expect(svg).toContain('x &amp; &quot;y&quot;');
    expect(svg).not.toContain('<a>');
  });

  it('reject an event on a lane the diagram does not have, in one line', () => {
    expect(() =>
      sequenceSvg({ lanes: ['a'], events: [{ step: 1, kind: 'send', lane: 'a', to: ['z'] }] }),
    ).toThrow("the send at step 1 is on lane 'z', which is not one of a");
    expect(() => sequenceSvg({ lanes: [], events: [] })).toThrow('no lanes');
  });

  it('fall back to one lane per state variable for a run without a diagram', () => {
    const m = replication(config);
    const t = replay(m, ['Request(Write(x, 1))', 'Deliver(1 -> r2)']);
    const d = fallbackDiagram(m, t);
    expect(d.lanes).toEqual(['action', 'log', 'r1', 'r2', 'r3', 'network']);
    expect(d.events.filter((e) => e.lane === 'action').map((e) => e.message)).toEqual([
      '* Request(Write(x, 1))',
      'Deliver(1 -> r2)',
    ]);
    expect(d.events.find((e) => e.lane === 'r2')?.note).toBe(':= applied 1, {x: 1}, out [ok]');
    expect(sequenceSvg(d)).toContain('Deliver(1 -&gt; r2)');
  });
});

describe('figures', () => {
  const figures = figuresOf(chapters);

  it.each(chapters.flatMap((ch) => ch.runs.map((r) => [`${ch.slug.slice(0, 2)}-run-${r.name}`])))(
    '%s is drawn from its run',
    (name) => {
      const f = figures.get(name)!;
      expect(f).toBeDefined();
      expect(f.svg()).toMatch(/^<svg[^>]*class="wb-seq"/);
      expect(f.states!()).toMatch(/^<table class="wb-states">/);
    },
  );

  it('draw chapter 01 as messages from the primary to the replicas', () => {
    const svg = figures.get('01-run-demo')!.svg();
    expect(count(svg, 'wb-lane')).toBe(4);
    expect(count(svg, 'wb-msg wb-received')).toBe(12); // four entries, three replicas each
    expect(svg).toContain('applies 1, 2, 3, 4: {x: 3, y: 5}');
  });
});

describe('plots', () => {
  it('have round ticks', () => {
    expect(niceTicks(0, 10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(0, 1, 4)).toEqual([0, 0.5, 1]);
  });

  it('draw axes, a line and points per series, and a legend', () => {
    const svg = plotSvg({
      title: 'renewals against recovery',
      x: { label: 'lease (s)' },
      y: { label: 'renewals per minute' },
      series: [
        {
          name: 'renewals',
          points: [
            [1, 60],
            [2, 30],
            [5, 12],
            [10, 6],
          ],
        },
        {
          name: 'wait',
          points: [
            [1, 1],
            [10, 10],
          ],
          style: 'line',
        },
      ],
    });
    expect(count(svg, 'wb-axis')).toBe(2);
    expect(count(svg, 'wb-series')).toBe(2);
    expect(svg.split('<circle').length - 1).toBe(4);
    expect(svg.split('<polyline').length - 1).toBe(2);
    expect(svg).toContain('lease (s)');
  });

  it('reject bad data in one line', () => {
    expect(() => plotSvg({ title: 'p', x: { label: 'x' }, y: { label: 'y' }, series: [] })).toThrow(
      "plot 'p': no series",
    );
    expect(() =>
      plotSvg({
        title: 'p',
        x: { label: 'x' },
        y: { label: 'y' },
        series: [{ name: 's', points: [[1, Number.NaN]] }],
      }),
    ).toThrow('is not two finite numbers');
  });
});

describe('markdown', () => {
  const figures = figuresOf(chapters.filter((c) => c.number === 1));
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

  it('show commands that exist', () => {
    const ch = chapters[0]!;
    const cmds = chapterCommands(ch);
    expect(cmds).toContain('npm run workbook -- run 1 ');
    expect(cmds).toContain('npm test -- 01 ');
    for (const r of ch.runs) expect(cmds).toContain(`npm run workbook -- trace 1 ${r.name} `);
    for (const e of ch.exercises) expect(cmds).toContain(`npm run workbook -- exercise ${e.id} `);
  });

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
