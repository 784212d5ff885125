/**
 * An estimate of rendered text width. The SVG is drawn by the viewer's browser with its own
 * fonts, so exact metrics are unknowable here; 0.6 em per character is a safe upper bound for
 * the sans-serif fonts the chart names, so labels get enough room.
 */
export function estimateTextWidth(text: string, fontSize: number): number {
  return [...text].length * fontSize * 0.6;
}

/** Shortens long labels with an ellipsis, counting characters rather than UTF-16 units. */
export function truncateLabel(text: string, maxChars: number): string {
  const characters = [...text];
  return characters.length <= maxChars ? text : `${characters.slice(0, Math.max(1, maxChars - 1)).join("")}…`;
}

/**
 * Shortens a label by cutting out its middle. Category labels often differ only at the end
 * ("Region North 1", "Region North 2"), which cutting the end would make identical.
 */
export function truncateMiddle(text: string, maxChars: number): string {
  const characters = [...text];
  if (characters.length <= maxChars) return text;
  const tail = Math.floor((maxChars - 1) / 2);
  const head = maxChars - 1 - tail;
  return `${characters.slice(0, head).join("")}…${characters.slice(characters.length - tail).join("")}`;
}
