/** A round number at or just above `value`, so the axis reads 0.05 or 2,000 rather than 0.0437. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((candidate) => candidate * magnitude >= value * (1 - 1e-9)) ?? 10;
  return step * magnitude;
}

/** Evenly spaced round ticks from 0 to a nice ceiling of `maximum`: 0, 1, 2 … 5 rather than 0, 1.25 … 5. */
export function axisTicks(maximum: number): number[] {
  const top = niceCeiling(maximum);
  // Rounded: 0.0005 / 1e-4 is 4.999… in floating point.
  const leading = Math.round((top / 10 ** Math.floor(Math.log10(top))) * 10) / 10;
  const intervals = leading === 5 || leading === 2.5 ? 5 : 4;
  return Array.from({ length: intervals + 1 }, (_, index) => (top * index) / intervals);
}

/** Decimal places that tell ticks `step` apart: 2 for dollars and cents, more for fractions of a cent. */
export function decimalsFor(step: number): number {
  return step <= 0 ? 2 : Math.max(2, Math.ceil(-Math.log10(step) - 1e-9));
}
