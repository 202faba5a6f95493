/**
 * Per-instance refinement (§7, with §5.1's method): the abstraction function
 * from multi-Paxos to a sequence of independent instances of spec D, one per
 * slot, and the invariants and goals of the checks.
 *
 * @module
 */
import type { Label, Machine, Nil, Observed, Refinement } from '../../index';
import { action, invariant, machine, nil, reachable, returns, to } from '../../index';
import type { DState } from '../03-consensus-specs/specs';
import { union } from '../03-consensus-specs/specs';
import type { MultiConfig } from './config';
import type { MultiState, MultiSystem, Value } from './system';

// #region spec
/**
 * A sequence of independent instances of spec D (§4.2): instance p's
 * state is D's, and each of D's actions takes the instance as a parameter.
 *
 * @param slots - how many instances
 * @param values - the values Allow may offer
 * @returns the machine
 */
export function sequenceOfD(slots: number, values: readonly Value[]): Machine<readonly DState[]> {
  type S = readonly DState[];
  const ps = Array.from({ length: slots }, (_, p) => p);
  const pvs = ps.flatMap((p) => values.map((v) => ({ p, v })));
  const put = (s: S, p: number, d: DState): S => s.map((x, q) => (q === p ? d : x));
  return machine<S>({
    name: `${slots} instances of D`,
    init: [ps.map(() => ({ outcome: nil, done: false, allowed: [] }))],
    actions: [
      action({
        name: 'Allow',
        external: true,
        params: () => pvs,
        effect: (s: S, { p, v }: { p: number; v: Value }) =>
          to(put(s, p, { ...s[p]!, allowed: union(s[p]!.allowed, v) })),
      }),
      action({
        name: 'Outcome',
        external: true,
        params: () => ps,
        effect: (s: S, p: number) => [
          returns(s, s[p]!.outcome),
          ...(s[p]!.done ? [] : [returns(s, nil)]),
        ],
      }),
      action({
        name: 'Agree',
        external: false,
        params: () => pvs,
        guard: (s: S, { p, v }: { p: number; v: Value }) =>
          s[p]!.outcome === nil && s[p]!.allowed.includes(v),
        effect: (s, { p, v }) => to(put(s, p, { ...s[p]!, outcome: v })),
      }),
      action({
        name: 'Terminate',
        external: false,
        params: () => ps,
        guard: (s: S, p: number) => s[p]!.outcome !== nil && !s[p]!.done,
        effect: (s, p) => to(put(s, p, { ...s[p]!, done: true })),
      }),
    ],
    key: (s) => s.map((d) => `${d.outcome}|${d.done ? 1 : 0}|${d.allowed.join(',')}`).join(';'),
  });
}
// #endregion spec

// #region abstraction
/**
 * The value chosen in instance p: the command of the first round a
 * majority of agents accepted there, else nil.
 *
 * @param c - the configuration
 * @param y - the state
 * @param p - the instance
 * @returns the chosen value, or nil
 */
export function chosen(c: MultiConfig, y: Pick<MultiState, 'history'>, p: number): Value | Nil {
  const acc = y.history.accepted[p]!;
  for (let n = 0; n < acc.length; n++)
    if (2 * acc[n]!.length > c.agents) return y.history.command[p]![n]!;
  return nil;
}

/**
 * f: instance p of the spec has the values clients asked for there
 * (allowed, a history variable), the value chosen there (outcome), and
 * done once some agent has been told the outcome of p.
 *
 * @param c - the configuration
 * @returns the abstraction function
 */
export const multiToD =
  (c: MultiConfig) =>
  (y: MultiState): readonly DState[] =>
    y.history.allowed.map((allowed, p) => ({
      outcome: chosen(c, y, p),
      done: y.agents.some((a) => a.known[p] !== nil),
      allowed,
    }));
// #endregion abstraction

/**
 * What the spec sees of an external label: Allow(l) at primary l is
 * Allow(p, v) for the instance l is working on, and Outcome(i, p) is
 * Outcome(p).
 *
 * @param sys - the system
 * @returns the observation, given the state the step starts from
 */
export function observe(sys: MultiSystem): (label: Label) => Observed {
  return (label) => {
    if (sys.Allow.is(label)) return { action: 'Allow', param: label.param.arg, ret: undefined };
    if (sys.Outcome.is(label)) return { action: 'Outcome', param: label.param.arg, ret: label.ret };
    return label;
  };
}

/**
 * The claim "multi-Paxos implements a sequence of instances of D via f".
 *
 * @param sys - the system
 * @returns the refinement
 */
export function refinementToD(sys: MultiSystem): Refinement<MultiState, readonly DState[]> {
  const c = sys.config;
  return {
    spec: sequenceOfD(c.slots, c.values),
    abstraction: multiToD(c),
    observe: observe(sys),
  };
}

// #region invariants
/**
 * The invariants: in every instance at most one value is chosen, no round
 * commands two values there, the status array each agent's compact state
 * stands for holds only a value the agent accepted in that round, and an
 * outcome an agent was told, or a primary has decided, is the one chosen.
 *
 * @param c - the configuration
 * @returns the invariants
 */
export function multiInvariants(c: MultiConfig) {
  const ps = Array.from({ length: c.slots }, (_, p) => p);
  return [
    invariant<MultiState>('in every instance, at most one value is chosen', (y) =>
      ps.every((p) => {
        const v = chosen(c, y, p);
        return y.history.accepted[p]!.every(
          (who, n) => 2 * who.length <= c.agents || y.history.command[p]![n] === v,
        );
      }),
    ),
    invariant<MultiState>('no round commands two values in one instance', (y) => !y.history.twice),
    invariant<MultiState>('an outcome an agent was told is the value chosen', (y) =>
      y.agents.every((a) => a.known.every((v, p) => v === nil || v === chosen(c, y, p))),
    ),
    // The only Value in the array decode(a, p) is at last: checked there directly.
    invariant<MultiState>(
      'the status array each compact state stands for holds only a Value its agent accepted there',
      (y) =>
        y.agents.every((a, i) =>
          a.slots.every(
            (x, p) =>
              x.last < 0 ||
              (y.history.accepted[p]![x.last]!.includes(i) &&
                y.history.command[p]![x.last] === x.v),
          ),
        ),
    ),
    invariant<MultiState>('an instance a primary has decided is chosen, with its outcome', (y) =>
      y.leaders.every((ls) => ls.prev === nil || ls.prev === chosen(c, y, ls.slot - 1)),
    ),
  ];
}

/**
 * The goals, so that a check cannot pass by reaching too little: the last
 * instance is chosen; an agent learns an outcome from a piggybacked
 * command; a new primary proposes again a value an old round got only a
 * minority of agents to accept (half-chosen when the primary changed); a
 * restarted leader runs a round while a command of its earlier round is
 * still in flight.
 *
 * @param c - the configuration
 * @returns the goals
 */
export function multiGoals(c: MultiConfig) {
  const last = c.slots - 1;
  return [
    reachable<MultiState>('the last instance is chosen', (y) => chosen(c, y, last) !== nil),
    reachable<MultiState>('an agent learns an outcome from a command', (y) =>
      y.agents.some((a) => a.known[0] !== nil),
    ),
    reachable<MultiState>('a new primary proposes a half-chosen value again', (y) =>
      y.history.command.some((byRound, p) =>
        byRound.some(
          (v, n) =>
            v !== nil &&
            y.history.accepted[p]![n]!.length > 0 &&
            2 * y.history.accepted[p]![n]!.length <= c.agents &&
            byRound.some((w, m) => m > n && w === v),
        ),
      ),
    ),
    reachable<MultiState>(
      'a restarted leader runs a round while a command of its earlier round is in flight',
      (y) =>
        y.faults.crashed[1]! > 0 &&
        y.leaders.some(
          (ls) =>
            ls.n !== nil && y.net.some((e) => e.msg.k === 'command' && e.msg.n < (ls.n as number)),
        ),
    ),
  ];
}
// #endregion invariants
