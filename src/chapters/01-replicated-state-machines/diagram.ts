/**
 * Chapter 01's runs as sequence diagrams: the library's lanes and arrows,
 * with a note on each step saying what it did to the process in a few
 * words (`numbers it 1`, `applies 1, 2: {x: 3}`, `waits for 1`).
 *
 * @module
 */
import type { SequenceDiagram, Trace } from '../../index';
import { actorDiagram } from '../../index';
import type { Primary } from './replica';
import type { Replication, ReplicationState, StorageReplica } from './replication';
import type { StorageInput } from './storage';
import { showState } from './storage';

/**
 * What a step did to a replica: `applies 1, 2: {x: 3}`, `waits for 1`, or
 * `duplicate, ignored`.
 *
 * @param a - the replica before
 * @param b - the replica after
 * @returns the note
 */
export function receiveNote(a: StorageReplica, b: StorageReplica): string {
  if (b.next > a.next) {
    const ns = Array.from({ length: b.next - a.next }, (_, k) => a.next + k);
    return `applies ${ns.join(', ')}: ${showState(b.state)}`;
  }
  if (b.waiting.length > a.waiting.length) return `waits for ${a.next}`;
  return 'duplicate, ignored';
}

/**
 * A run of the replicated system as a sequence diagram with notes.
 *
 * @param sys - the system that made the run
 * @param t - the run
 * @returns the primary's lane and one lane per replica
 */
export function replicationDiagram(sys: Replication, t: Trace<ReplicationState>): SequenceDiagram {
  const primaryId = sys.ids.primary[0];
  return actorDiagram(sys, t, {
    title: 'primary-copy replication',
    note: (p, before, after) => {
      if (p === primaryId) {
        const log = (after as Primary<StorageInput>).log;
        return `numbers it ${log.at(-1)!.n}`;
      }
      return receiveNote(before as StorageReplica, after as StorageReplica);
    },
  });
}
