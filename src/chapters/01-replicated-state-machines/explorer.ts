/**
 * Chapter 01 in the explorer: the replicated system on a network that may
 * lose and duplicate entries, with the single copy above it.
 *
 * @module
 */
import type { ExplorerModel } from '../chapter';
import { explorable } from '../chapter';
import { explorerConfig } from './config';
import { replicationDiagram } from './diagram';
import { replication } from './replication';
import { observeAsSingleCopy, replicationToSingleCopy, singleCopy } from './singleCopy';

const sys = replication(explorerConfig);

/** The replicated system, its faults, and the single copy as its image. */
export const replicationModel = explorable({
  id: '01-replication',
  title: '01 · Primary-copy replication (3 replicas)',
  about:
    'Make requests, then deliver the numbered entries to the replicas in any order; lose or duplicate a few (faults). A replica applies entry n only after 1 .. n-1. The image is the single copy as the most advanced replica has it.',
  machine: () => sys,
  spec: () => singleCopy(explorerConfig),
  abstraction: replicationToSingleCopy,
  observe: observeAsSingleCopy(sys),
  diagram: (t) => replicationDiagram(sys, t),
});

/** Chapter 01's explorer models. */
export const explorer: readonly ExplorerModel[] = [replicationModel];
