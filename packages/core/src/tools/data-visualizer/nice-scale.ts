/** An axis range widened to round numbers, with the tick values on it. */
export interface NiceScale {
  min: number;
  max: number;
  step: number;
  ticks: number[];
}

/**
 * Round ticks: steps are 1, 2 or 5 times a power of ten, chosen so about `targetTicks` ticks
 * cover the data (the rule d3's tickIncrement uses), and the range is widened to whole steps, so
 * ticks read 0, 10, 20 rather than 3.7, 10.6, 17.5.
 */
export function niceScale(dataMin: number, dataMax: number, targetTicks = 6): NiceScale {
  let low = Math.min(dataMin, dataMax);
  let high = Math.max(dataMin, dataMax);
  // A flat series still needs a range to draw in; pad around the value (or 0..1 for all zeros).
  if (high - low <= Math.abs(high) * 1e-12) {
    if (high === 0) {
      high = 1;
    } else {
      const padding = Math.abs(high) * 0.1;
      low -= padding;
      high += padding;
    }
  }
  const step = tickStep(high - low, Math.max(1, targetTicks - 1));
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const round = (value: number) => Number(value.toFixed(Math.min(decimals, 100)));
  const min = round(Math.floor(low / step) * step);
  const max = round(Math.ceil(high / step) * step);
  const count = Math.round((max - min) / step);
  const ticks = Array.from({ length: count + 1 }, (_, index) => round(min + index * step));
  return { min, max, step, ticks };
}

function tickStep(span: number, intervals: number): number {
  const rough = span / intervals;
  const power = 10 ** Math.floor(Math.log10(rough));
  const error = rough / power;
  if (error >= Math.sqrt(50)) return power * 10;
  if (error >= Math.sqrt(10)) return power * 5;
  if (error >= Math.sqrt(2)) return power * 2;
  return power;
}
