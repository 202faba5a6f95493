/**
 * Stands in for `cli-table3` in the browser bundle: the library's text
 * tables are for terminals, and the explorer draws HTML tables instead.
 *
 * @module
 */

/** Fails when used: text tables are not drawn in the browser. */
export default class NoTable {
  constructor() {
    throw new Error('text tables (cli-table3) are not available in the browser');
  }
}
