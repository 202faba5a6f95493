/**
 * Chapter 01, Replicated state machines (§2.1): the chapter as the tools see it.
 *
 * @module
 */
import { explore } from '../../index';
import type { Chapter } from '../chapter';
import { mutant } from '../chapter';
import { equalLogsCheck, orderMattersCheck, refinesCheck, replicasAgreeCheck } from './checks';
import { config, demoConfig, refinesConfig } from './config';
import { demo, demoRun } from './demo';
import { replicationDiagram } from './diagram';
import { exercises } from './exercises';
import { explorer } from './explorer';
import { clockedStorage, receiveOnArrival, submitReusingNumber } from './mutants';
import { checkOrderMatters, twoOrdersRun } from './properties';
import { replicasAgree, replication } from './replication';
import { rules } from './rules';

const onArrival = { ...rules, receive: receiveOnArrival };

/** Chapter 01. */
export const chapter: Chapter = {
  id: '01',
  slug: '01-replicated-state-machines',
  title: 'Replicated state machines',
  paper: '§2.1',
  summary:
    'Deterministic replicas that apply the same numbered inputs agree; in different orders they diverge.',
  demo,
  checks: [replicasAgreeCheck, refinesCheck, equalLogsCheck, orderMattersCheck],
  mutants: [
    mutant(replicasAgreeCheck, {
      name: 'apply on arrival',
      bug: 'A replica applies each entry when it arrives, ignoring its number.',
      variant: onArrival,
    }),
    mutant(refinesCheck, {
      name: 'apply on arrival, under the single copy',
      bug: 'The same bug, seen by the abstraction function: a delivery takes the most advanced replica where the single copy cannot go.',
      variant: onArrival,
    }),
    mutant(replicasAgreeCheck, {
      name: 'reused number',
      bug: 'The primary numbers requests 1, 1, 2, ...: two inputs share a number.',
      variant: { ...rules, submit: submitReusingNumber },
    }),
    mutant(equalLogsCheck, {
      name: 'clocked service',
      bug: 'Write stamps the data with the replica’s local clock: the service is not deterministic.',
      variant: { ...rules, serviceAt: clockedStorage },
    }),
  ],
  runs: [
    {
      name: 'demo',
      description: 'three replicas apply a numbered log delivered in three orders',
      run: demoRun,
      diagram: (t) => replicationDiagram(replication(demoConfig), t),
    },
    {
      name: 'apply-on-arrival',
      description: 'the shortest run in which replicas that apply entries on arrival diverge',
      run: () => {
        // Only the weaker invariant, so that the run ends where two replicas disagree.
        const machine = replication(config, onArrival);
        const r = explore(machine, { invariants: [replicasAgree] });
        return { machine, trace: r.counterexample!.trace };
      },
      diagram: (t) => replicationDiagram(replication(config, onArrival), t),
    },
    {
      name: 'two-orders',
      description:
        'the smallest inputs that diverge when two replicas apply them in different orders',
      run: (ctx) => twoOrdersRun(checkOrderMatters(ctx.seed).example!),
    },
  ],
  exercises,
  models: [
    { name: 'replication, 3 replicas, up to 3 requests', machine: () => replication(config) },
    {
      name: 'replication, 3 replicas, up to 2 requests, one loss, one duplicate',
      machine: () => replication(refinesConfig),
    },
  ],
  explorer,
};
