/**
 * Every chapter, in reading order. The library never imports this; the
 * command line, the site and the tests do.
 *
 * @module
 */

import { chapter as ch01 } from './01-replicated-state-machines';
import { chapter as ch02 } from './02-specifications';
import { chapter as ch03 } from './03-consensus-specs';
import { chapter as ch04 } from './04-abstraction-functions';
import { chapter as ch05 } from './05-simple-implementations';
import { chapter as ch06 } from './06-paxos-state';
import { chapter as ch07 } from './07-paxos-invariants';
import { chapter as ch08 } from './08-paxos-messages';
import { chapter as ch09 } from './09-leader-election';
import { chapter as ch10 } from './10-multi-paxos';
import { chapter as ch11 } from './11-leases';
import { chapter as ch12 } from './12-hierarchical-leases';
import { chapter as ch13 } from './13-highly-available-system';
import { chapter as chA } from './A-tla-paxos';
import type { Chapter } from './chapter';

/** The chapters, in reading order. */
export const chapters: readonly Chapter[] = [
  ch01,
  ch02,
  ch03,
  ch04,
  ch05,
  ch06,
  ch07,
  ch08,
  ch09,
  ch10,
  ch11,
  ch12,
  ch13,
  chA,
];
