/**
 * Which sequence diagram the site draws for a run: the chapter's own
 * `diagram` if it gives one; else, for an actor system, the library's
 * {@link actorDiagram} (a lane per process, an arrow per message); else one
 * lane per state variable ({@link fallbackDiagram}). The figures, the
 * explorer and `workbook trace --svg` all choose here.
 *
 * @module
 */
import type { ActorState, Machine, SequenceDiagram, Trace } from '../index';
import { actorDiagram, isActorSystem } from '../index';
import { fallbackDiagram } from './fallbackDiagram';

/**
 * The best diagram of a run: the chapter's own, else the actor system's
 * lanes, else one lane per state variable.
 *
 * @param m - the machine that made the run
 * @param t - the run
 * @param own - the chapter's `diagram`, if it gives one
 * @returns the diagram
 */
export function diagramOf<S>(
  m: Machine<S>,
  t: Trace<S>,
  own?: (t: Trace<S>) => SequenceDiagram,
): SequenceDiagram {
  if (own) return own(t);
  // An actor system's states are its ActorStates: the run is one of them.
  if (isActorSystem(m)) return actorDiagram(m, t as Trace<ActorState<any, any, any>>);
  return fallbackDiagram(m, t);
}
