/**
 * Bounds given to a check, validated: a whole number from `min`, or
 * Infinity (no bound), or absent.
 *
 * @param name - the option's name, for the message
 * @param v - its value
 * @param min - the least value accepted
 * @returns the value
 * @throws Error naming the option, what was given and what is accepted
 */
export function validBound(name: string, v: number | undefined, min: number): number | undefined {
  if (v === undefined || v === Number.POSITIVE_INFINITY) return v;
  if (!Number.isInteger(v) || v < min)
    throw new Error(`${name} must be a whole number from ${min} (or left out), got ${v}`);
  return v;
}
