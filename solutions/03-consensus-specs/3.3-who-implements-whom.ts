/**
 * Reference solution to exercise 3.3 (who implements whom).
 *
 * C has no Done action, so no trace of T or D with a Done step is a trace
 * of C. The other way round, T and D can mimic C by never terminating.
 * T and D have the same traces: D can Agree right after the Allow at which
 * T chose, and T can choose at the Allow of the value D will agree on.
 */
export const answers: Record<string, boolean | null> = {
  'C implements T': true,
  'T implements C': false,
  'C implements D': true,
  'D implements C': false,
  'T implements D': true,
  'D implements T': true,
};
