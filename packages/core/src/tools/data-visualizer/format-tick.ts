const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 3 });

/**
 * Labels for axis ticks: as many decimals as the step needs, thousands grouped, and large round
 * values shortened (12K, 1.5M). If shortening would make two labels equal, the full form is used.
 */
export function formatTicks(ticks: number[], step: number): string[] {
  if (step < 1e-6 || ticks.some((tick) => Math.abs(tick) >= 1e15)) return ticks.map((tick) => formatScientific(tick, step));
  if (step >= 1000) {
    const short = ticks.map((tick) => compact.format(tick));
    if (new Set(short).size === short.length) return short;
  }
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const full = new Intl.NumberFormat("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return ticks.map((tick) => full.format(tick));
}

function formatScientific(value: number, step: number): string {
  if (value === 0) return "0";
  const digits = Math.min(6, Math.max(0, Math.floor(Math.log10(Math.abs(value))) - Math.floor(Math.log10(step))));
  return value.toExponential(digits);
}

/** A value in a sentence for the model: exact, but without floating-point noise. */
export function formatValue(value: number): string {
  return String(Number(value.toPrecision(12)));
}
