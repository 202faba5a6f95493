/**
 * A progress bar on standard error for checks that run long (only on a
 * terminal, and only after the check has run for half a second).
 *
 * @module
 */
import cliProgress from 'cli-progress';
import type { Pins } from '../chapters/chapter';
import type { Progress } from '../index';
import type { ReportHooks } from './report';

/**
 * What a bar counts towards: the pinned states, else the pinned transitions
 * (a sampled check pins the steps its runs take), else nothing.
 *
 * @param expected - what the check is pinned to find
 * @returns the field the bar fills and its total, or undefined for a bar without one
 */
function barTarget(
  expected: Pins | undefined,
): { readonly field: 'states' | 'transitions'; readonly total: number } | undefined {
  if (expected?.states) return { field: 'states', total: expected.states };
  if (expected?.transitions) return { field: 'transitions', total: expected.transitions };
  return undefined;
}

/**
 * Progress hooks that show a bar for each long check.
 *
 * @param enabled - false to show nothing (JSON output, or not a terminal)
 * @returns hooks for {@link runChapter}
 */
export function progressHooks(enabled: boolean): ReportHooks {
  let bar: cliProgress.SingleBar | undefined;
  return {
    begin: (what, expected) => {
      if (!enabled) return undefined;
      const target = barTarget(expected);
      const t0 = performance.now();
      return (p: Progress) => {
        if (!bar && performance.now() - t0 < 500) return;
        if (!bar) {
          bar = new cliProgress.SingleBar(
            {
              format:
                target?.field === 'states'
                  ? `  ${what} [{bar}] {value}/{total} states, {transitions} transitions`
                  : target?.field === 'transitions'
                    ? `  ${what} [{bar}] {value}/{total} transitions, {states} states`
                    : `  ${what}: {states} states, {transitions} transitions, depth {depth}`,
              stream: process.stderr,
              clearOnComplete: true,
              hideCursor: true,
            },
            cliProgress.Presets.shades_classic,
          );
          bar.start(target?.total ?? 0, 0, { states: 0, transitions: 0, depth: 0 });
        }
        bar.update(target ? p[target.field] : p.states, {
          states: p.states,
          transitions: p.transitions,
          depth: p.depth,
        });
      };
    },
    end: () => {
      bar?.stop();
      bar = undefined;
    },
  };
}
