/**
 * Smallest and largest of many numbers. A loop, not Math.min(...values): spreading tens of
 * thousands of arguments can overflow the call stack.
 */
export function valueExtent(values: Iterable<number | null>): { min: number; max: number } | undefined {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (value === null) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return min <= max ? { min, max } : undefined;
}
