/**
 * A progress bar on standard error for checks that run long (only on a
 * terminal, and only after the check has run for half a second).
 *
 * @module
 */
import cliProgress from 'cli-progress';
import type { Progress } from '../index';
import type { ReportHooks } from './report';

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
      const t0 = performance.now();
      return (p: Progress) => {
        if (!bar && performance.now() - t0 < 500) return;
        if (!bar) {
          bar = new cliProgress.SingleBar(
            {
              format: expected
                ? `  ${what} [{bar}] {value}/{total} states, {transitions} transitions`
                : `  ${what}: {value} states, {transitions} transitions, depth {depth}`,
              stream: process.stderr,
              clearOnComplete: true,
              hideCursor: true,
            },
            cliProgress.Presets.shades_classic,
          );
          bar.start(expected ?? 0, 0, { transitions: 0, depth: 0 });
        }
        bar.update(p.states, { transitions: p.transitions, depth: p.depth });
      };
    },
    end: () => {
      bar?.stop();
      bar = undefined;
    },
  };
}
