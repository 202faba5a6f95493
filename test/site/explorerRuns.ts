/**
 * Runs of the registry's explorer models that step a chapter's mutant into
 * its failure, shared by the session's tests and the browser's.
 */

/** Chapter 06's round (1,l1) with 7 at agent a, then l2's round queried at a and b. */
export const paxosPath = [
  'Allow(7, l1)',
  'Allow(8, l2)',
  'NewRound(l1)',
  'Choose(l1, {a, b})',
  'Accept(a, (1,l1))',
  'NewRound(l2)',
  'Query(b, (1,l2))',
  'Choose(l2, {a, b})',
  'Accept(b, (1,l2))',
  'Accept(c, (1,l2))',
  'Accept(c, (1,l1))',
];

/** Chapter 08's: l1 commands 7, a accepts it, then l2 hears a's 7 and b's no. */
export const ownValuePath = [
  'Allow(l1, 7)',
  'Allow(l2, 8)',
  'NewRound(l1)',
  'Deliver(query((1,l1)) → a)',
  'Deliver(query((1,l1)) → b)',
  'Deliver(report(a, []) → l1)',
  'Deliver(report(b, []) → l1)',
  'Command(l1, 7)',
  'NewRound(l2)',
  'Deliver(command((1,l1), 7) → a)',
  'Deliver(query((1,l2)) → a)',
  'Deliver(query((1,l2)) → b)',
  'Deliver(report(a, [7]) → l2)',
  'Deliver(report(b, [no]) → l2)',
  'Command(l2, 8)',
];
