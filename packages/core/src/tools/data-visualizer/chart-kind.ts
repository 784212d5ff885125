export const chartKinds = ["bar", "line", "scatter", "pie"] as const;

export type ChartKind = (typeof chartKinds)[number];
