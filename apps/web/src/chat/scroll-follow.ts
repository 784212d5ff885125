/** Within this many pixels of the bottom, the reader counts as following the conversation. */
export const nearBottomPx = 120;

export interface ScrollMove {
  fromTop: number;
  toTop: number;
  distanceFromBottom: number;
}

/**
 * Whether the log goes on following new content after a scroll, from where the log last saw itself
 * (`fromTop`) to where the event finds it. Only the reader scrolls up: the log's own scrolls go
 * down, and content that changes before such a scroll's event fires (a chart decoding, a reply
 * shrinking and growing again as it is stored) can leave the log far from the bottom without the
 * reader doing anything. So a scroll up decides by where it ends, and a scroll down can only pin
 * the log again.
 */
export function followsAfterScroll(following: boolean, { fromTop, toTop, distanceFromBottom }: ScrollMove): boolean {
  const nearBottom = distanceFromBottom < nearBottomPx;
  return toTop < fromTop ? nearBottom : following || nearBottom;
}
