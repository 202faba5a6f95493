/**
 * Chapter 02's configurations, the role of a TLA+ MC file: the addresses,
 * data and cache lines of the checks, the demo and the explorer, the deeper
 * ones of `--deep`, the write buffer of exercise 2.1, and the bound on
 * traces.
 *
 * @module
 */
import type { CacheConstants } from './cache';
import type { BufferConstants } from './writeBuffer';

/** Addresses x and y, data 1 and 2, one cache line: the checks, the demo and the explorer. */
export const config: CacheConstants = { addresses: ['x', 'y'], data: [1, 2], lines: 1 };

/** Three addresses, three data values, two lines: the `--deep` bounds. */
export const deepConfig: CacheConstants = {
  addresses: ['x', 'y', 'z'],
  data: [1, 2, 3],
  lines: 2,
};

/** The write buffer of exercise 2.1: the checks' addresses and data, and two slots. */
export const bufferConfig: BufferConstants = {
  addresses: config.addresses,
  data: config.data,
  slots: 2,
};

/** The longest external trace the trace-inclusion checks enumerate (with the default bounds). */
export const TRACE_LENGTH = 6;
