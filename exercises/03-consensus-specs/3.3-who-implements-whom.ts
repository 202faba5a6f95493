/**
 * Exercise 3.3: who implements whom? Check with `npm run workbook -- exercise 3.3`.
 *
 * "Y implements X" (§4.1): every trace of Y, the sequence of its external
 * actions with their parameters and results, is a trace of X. For each
 * question below, replace null by true or false.
 */
export const answers: Record<string, boolean | null> = {
  'C implements T': null,
  'T implements C': null,
  'C implements D': null,
  'D implements C': null,
  'T implements D': null,
  'D implements T': null,
};
