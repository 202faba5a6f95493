/**
 * Drawing: sequence diagrams draw lanes, arrows, lost and duplicated
 * messages, crashes and timers; a run is drawn by its chapter's diagram,
 * else as an actor system's lanes, else with a lane per state variable;
 * plots draw axes, series and a legend.
 */
import { describe, expect, it } from 'vitest';
import type { Nil, SequenceDiagram, Trace } from '../../src/index';
import {
  action,
  actors,
  layout,
  machine,
  nil,
  processAction,
  replay,
  role,
  stepsFrom,
  to,
} from '../../src/index';
import { diagramOf } from '../../src/site/diagrams';
import { fallbackDiagram } from '../../src/site/fallbackDiagram';
import { logTicks, niceTicks, plotSvg } from '../../src/site/plot';
import { sequenceSvg } from '../../src/site/sequenceSvg';

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
    { step: 10, kind: 'timer', lane: 'c', message: 'Elect', note: 'leader := c' },
  ],
};

/** A plain machine: a counter that counts to 2, with a flag. */
const counter = machine<{ n: number; done: boolean }>({
  name: 'counter',
  init: [{ n: 0, done: false }],
  actions: [
    action({
      name: 'Inc',
      external: true,
      guard: (s: { n: number; done: boolean }) => s.n < 2,
      effect: (s) => to({ ...s, n: s.n + 1 }),
    }),
    action({
      name: 'Finish',
      external: false,
      guard: (s: { n: number; done: boolean }) => s.n === 2 && !s.done,
      effect: (s) => to({ ...s, done: true }),
    }),
  ],
});

/** An actor system: a pinger whose timer sends `ping` to a ponger. */
interface Pinger {
  readonly pinged: boolean;
}
interface Ponger {
  readonly heard: number;
}
const Ping = processAction<Pinger, string>({
  name: 'Ping',
  due: (s) => (s.pinged ? (nil as Nil) : 0),
  effect: () => ({ state: { pinged: true }, send: [{ to: 1, msg: 'ping' }] }),
});
const pingPong = actors({
  name: 'ping-pong',
  ids: layout({ pingers: 1, pongers: 1 }),
  roles: {
    pingers: role<Pinger, string>({
      name: () => 'pinger',
      init: () => ({ pinged: false }),
      actions: [Ping],
    }),
    pongers: role<Ponger, string>({
      name: () => 'ponger',
      init: () => ({ heard: 0 }),
      receive: (s) => ({ state: { heard: s.heard + 1 } }),
    }),
  },
  network: 'set',
  showMessage: (m: string) => m,
});

/** Take the first enabled step, twice: the timer, then the delivery. */
function pingRun(): Trace<any> {
  const init = [...pingPong.init()][0]!;
  const ping = stepsFrom(pingPong, init).find((st) => Ping.is(st.label))!;
  const deliver = stepsFrom(pingPong, ping.to).find((st) => pingPong.Deliver.is(st.label))!;
  return { init, steps: [ping, deliver] };
}

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
    expect(count(svg, 'wb-timer')).toBe(1);
    expect(svg).toContain('Elect leader := c');
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
    const t = replay(counter, ['Inc', 'Inc', 'Finish']);
    const d = fallbackDiagram(counter, t);
    expect(d.lanes).toEqual(['action', 'n', 'done']);
    expect(d.events.filter((e) => e.lane === 'action').map((e) => e.message)).toEqual([
      '* Inc',
      '* Inc',
      'Finish',
    ]);
    expect(d.events.find((e) => e.lane === 'done')?.note).toBe(':= true');
    expect(sequenceSvg(d)).toContain('* Inc');
  });

  it('are the chapter’s own, else an actor system’s lanes, else one lane per variable', () => {
    const t = pingRun();
    const d = diagramOf(pingPong, t);
    expect(d.lanes).toEqual(['pinger', 'ponger']);
    expect(d.events.map((e) => e.kind)).toEqual(['send', 'timer', 'receive']);
    const svg = sequenceSvg(d);
    expect(count(svg, 'wb-timer')).toBe(1);
    expect(count(svg, 'wb-msg wb-received')).toBe(1);
    const own: SequenceDiagram = { lanes: ['mine'], events: [] };
    expect(diagramOf(pingPong, t, () => own)).toBe(own);
    expect(diagramOf(counter, replay(counter, ['Inc'])).lanes).toEqual(['action', 'n', 'done']);
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

  it('put a power of ten an equal step apart on a log scale, and name each series whole below the plot', () => {
    expect(logTicks(0.1, 10)).toEqual([0.1, 0.2, 0.5, 1, 2, 5, 10]);
    expect(logTicks(1, 1e5)).toEqual([1, 10, 100, 1000, 10000, 100000]);
    const name = 'derived: 2 per L − ε − 2δ + (δ + 1)/2, our curve';
    const svg = plotSvg({
      title: 'log',
      x: { label: 'L', scale: 'log' },
      y: { label: 'rate', scale: 'log' },
      series: [
        {
          name,
          points: [
            [0.1, 100],
            [1, 10],
            [10, 1],
          ],
          style: 'points',
        },
      ],
    });
    const cx = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    // Equal steps along both axes: each point a decade from the last.
    expect(cx[1]![0]! - cx[0]![0]!).toBeCloseTo(cx[2]![0]! - cx[1]![0]!, 0);
    expect(cx[1]![1]! - cx[0]![1]!).toBeCloseTo(cx[2]![1]! - cx[1]![1]!, 0);
    expect(svg).toContain(`>${name.replace('&', '&amp;')}</text>`);
    // The legend sits below the plot area.
    const legendY = Number(svg.match(/<text class="wb-legend" x="[\d.]+" y="([\d.]+)"/)![1]);
    expect(legendY).toBeGreaterThan(Math.max(...cx.map((c) => c[1]!)));
    expect(() =>
      plotSvg({
        title: 'p',
        x: { label: 'L', scale: 'log' },
        y: { label: 'y' },
        series: [{ name: 's', points: [[0, 1]] }],
      }),
    ).toThrow("has a value that is not positive, on the logarithmic axis 'L'");
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
