import { element, text } from "./svg-markup.js";

/** Beyond this many marks, per-mark tooltips would bloat the file more than they help. */
const maxTitledMarks = 500;

export function showMarkTitles(markCount: number): boolean {
  return markCount <= maxTitledMarks;
}

/** A tooltip on one bar, point or slice (shown on hover by browsers). */
export function markTitle(label: string): string {
  return element("title", {}, [text(label)]);
}
