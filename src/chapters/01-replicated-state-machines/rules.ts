/**
 * The replaceable parts of chapter 01's system: how the primary numbers a
 * request, how a replica receives an entry, and the service each replica
 * runs. The checks run on {@link rules}; a mutant replaces one of them.
 *
 * @module
 */
import { receive, submit } from './replica';
import { storage } from './storage';

/** How the primary numbers requests, how replicas receive entries, and what they run. */
export interface ReplicaRules {
  /** How the primary numbers a request. */
  readonly submit: typeof submit;
  /** How a replica receives an entry. */
  readonly receive: typeof receive;
  /** The service replica i runs (the same for all, unless a mutant makes them differ). */
  readonly serviceAt: (replica: number) => typeof storage;
}

/** The correct rules: number 1, 2, 3, ...; apply by number; the same storage service everywhere. */
export const rules: ReplicaRules = { submit, receive, serviceAt: () => storage };
