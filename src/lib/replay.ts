/**
 * Replaying a run from its path: the label texts of its steps.
 *
 * @module
 */
import { forEachStep, makeLabel } from './_internal/successors';
import { labelText } from './label';
import type { Machine } from './machine';
import type { Step, Trace } from './trace';

/**
 * Replay a run of `m` from an initial state, following label texts
 * (`Allow(7)`, `Outcome -> nil`); at each step the first enabled step whose
 * label text matches is taken. This is how a printed path becomes a run
 * again, and how demos script a run.
 *
 * @param m - the machine
 * @param path - the label texts, in order
 * @param init - which initial state to start from (default the first)
 * @returns the run
 * @throws Error naming the first step that is not enabled, and what was
 * @category Runs
 */
export function replay<S>(m: Machine<S>, path: readonly string[], init = 0): Trace<S> {
  const inits = [...m.init()];
  const start = inits[init];
  if (start === undefined) throw new Error(`replay: ${m.name} has no initial state #${init}`);
  const steps: Step<S>[] = [];
  let s: S = start;
  for (const [i, want] of path.entries()) {
    let found: Step<S> | undefined;
    const from = s;
    const enabled: string[] = [];
    forEachStep(m, from, (act, p, o) => {
      const label = makeLabel(act, p, o);
      const text = labelText(label);
      if (text === want) {
        found = { from, label, to: o.next };
        return true;
      }
      enabled.push(text);
      return false;
    });
    if (!found)
      throw new Error(
        `replay: step ${i + 1} of ${m.name}, ${want}, is not enabled; enabled are ${enabled.join(', ') || 'none'}`,
      );
    steps.push(found);
    s = found.to;
  }
  return { init: start, steps };
}
