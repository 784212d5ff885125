/** The tool run time one agent turn has left; parallel calls draw on it at once. */
export interface ToolTimeBudget {
  remainingMilliseconds(): number;
}

export function startToolTimeBudget(totalMilliseconds: number): ToolTimeBudget {
  const deadline = performance.now() + totalMilliseconds;
  return { remainingMilliseconds: () => Math.max(0, deadline - performance.now()) };
}
