/**
 * Chapter 01, Replicated state machines (§2.1): the chapter as the tools see it.
 *
 * @module
 */
import { explore, renderTrace, replay } from '../../index';
import type { Chapter, CheckContext, Writer } from '../chapter';
import { exercises } from './exercises';
import { clockedStorage, receiveOnArrival, submitReusingNumber } from './mutants';
import { checkEqualLogs, checkOrderMatters, twoOrdersRun } from './properties';
import { receive } from './replica';
import {
  config,
  goals,
  type ReplicationConfig,
  replicaName,
  replicasAgree,
  replicasFollowLog,
  replication,
} from './replication';
import { Read, showInput, showState, Write } from './storage';

/** The exhaustive check: three replicas, up to three requests, any delivery order. */
export function checkReplicas(c: ReplicationConfig, ctx: CheckContext) {
  return explore(replication(c), {
    invariants: [replicasAgree, replicasFollowLog],
    reachable: goals,
    ...(ctx.depth ? { maxDepth: ctx.depth } : {}),
    ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
  });
}

/** The demo's constants: the paper's requests, Write(x, 3) then Read(x), and two more. */
export const demoConfig: ReplicationConfig = {
  replicas: 3,
  requests: [Write('x', 3), Read('x'), Write('y', 5), Read('y')],
  maxRequests: 4,
};

/** The demo's schedule: r1 gets the log in order, r2 pairwise swapped, r3 backwards. */
export const demoPath = [
  'Request(Write(x, 3))',
  'Request(Read(x))',
  'Deliver(1 -> r1)',
  'Deliver(2 -> r2)',
  'Deliver(2 -> r1)',
  'Deliver(1 -> r2)',
  'Request(Write(y, 5))',
  'Request(Read(y))',
  'Deliver(4 -> r3)',
  'Deliver(3 -> r3)',
  'Deliver(4 -> r2)',
  'Deliver(3 -> r1)',
  'Deliver(2 -> r3)',
  'Deliver(4 -> r1)',
  'Deliver(3 -> r2)',
  'Deliver(1 -> r3)',
];

function demoRun() {
  const m = replication(demoConfig);
  return { machine: m, trace: replay(m, demoPath) };
}

function demo(out: Writer): void {
  const { machine, trace } = demoRun();
  out('Three replicas of the storage service apply a numbered log (§2.1).');
  out('The primary numbers each request 1, 2, 3, ...; the network delivers the');
  out('numbered entries to each replica in a different order; each replica');
  out('applies entry n only after entries 1 .. n-1.');
  out('');
  out(renderTrace(machine, trace));
  out('');
  const last = trace.steps.at(-1)!.to;
  out(`The log: ${last.primary.log.map((e) => `${e.n}:${showInput(e.input)}`).join(' ')}`);
  last.replicas.forEach((r, i) => {
    const outputs = r.outputs.map((o) => o ?? 'nil').join(' ');
    out(`  ${replicaName(i)}: state ${showState(r.state)}, outputs [${outputs}]`);
  });
  out('Same inputs, same order: the same state and the same outputs on every replica.');
}

/** Chapter 01. */
export const chapter: Chapter = {
  number: 1,
  slug: '01-replicated-state-machines',
  title: 'Replicated state machines',
  paper: '§2.1',
  summary:
    'Deterministic replicas that apply the same numbered inputs agree; in different orders they diverge.',
  demo,
  checks: [
    {
      name: 'replicas agree',
      claim:
        'Three replicas fed a numbered log in any delivery order are always each the single copy after a prefix of the log.',
      states: 14425,
      run: (ctx) => checkReplicas(config, ctx),
    },
    {
      name: 'equal logs, equal replicas',
      claim:
        'For random logs, 1 to 5 replicas, and scrambled, duplicated deliveries, every replica ends in the same state with the same outputs.',
      states: 300,
      run: (ctx) => checkEqualLogs(ctx.seed, 300, undefined, ctx.path),
    },
    {
      name: 'order matters',
      claim:
        'Two replicas that apply the same inputs in different orders can diverge (fast-check finds the smallest case).',
      run: (ctx) => checkOrderMatters(ctx.seed, ctx.path),
    },
  ],
  mutants: [
    {
      name: 'apply on arrival',
      bug: 'A replica applies each entry when it arrives, ignoring its number.',
      caughtBy: 'replicas agree',
      run: (ctx) => checkReplicas({ ...config, receive: receiveOnArrival }, ctx),
    },
    {
      name: 'reused number',
      bug: 'The primary numbers requests 1, 1, 2, ...: two inputs share a number.',
      caughtBy: 'replicas agree',
      run: (ctx) => checkReplicas({ ...config, submit: submitReusingNumber }, ctx),
    },
    {
      name: 'clocked service',
      bug: 'Write stamps the data with the replica’s local clock: the service is not deterministic.',
      caughtBy: 'equal logs, equal replicas',
      run: (ctx) => checkEqualLogs(ctx.seed, 300, { receive, serviceAt: clockedStorage }),
    },
  ],
  runs: [
    {
      name: 'demo',
      description: 'three replicas apply a numbered log delivered in three orders',
      run: demoRun,
    },
    {
      name: 'apply-on-arrival',
      description: 'the shortest run in which replicas that apply entries on arrival diverge',
      run: () => {
        // Only the weaker invariant, so that the run ends where two replicas disagree.
        const m = replication({ ...config, receive: receiveOnArrival });
        const r = explore(m, { invariants: [replicasAgree] });
        return { machine: m, trace: r.counterexample!.trace };
      },
    },
    {
      name: 'two-orders',
      description:
        'the smallest inputs that diverge when two replicas apply them in different orders',
      run: (ctx) => twoOrdersRun(checkOrderMatters(ctx.seed).example!),
    },
  ],
  exercises,
};
