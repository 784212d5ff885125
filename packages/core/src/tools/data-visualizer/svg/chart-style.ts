/** One look for every chart: sizes, type and colours. */
export const chartSize = { width: 800, height: 480, margin: 16 } as const;

export const fontFamily = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif";

export const fontSizes = { title: 18, label: 12, tick: 11, legend: 12 } as const;

export const inkColors = {
  background: "#ffffff",
  title: "#111827",
  text: "#374151",
  axis: "#6b7280",
  grid: "#e5e7eb",
} as const;

/**
 * Tableau 10: distinct hues of similar weight that stay apart for the common forms of colour
 * blindness and read on white. Series beyond ten reuse colours (the series cap is lower).
 */
const palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"] as const;

export function seriesColor(index: number): string {
  return palette[index % palette.length] ?? palette[0];
}
