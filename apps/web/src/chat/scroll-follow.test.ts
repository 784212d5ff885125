import { describe, expect, it } from "vitest";
import { followsAfterScroll, nearBottomPx } from "./scroll-follow.js";

describe("followsAfterScroll", () => {
  it("stops following when the reader scrolls up away from the bottom, and not for a nudge", () => {
    expect(followsAfterScroll(true, { fromTop: 900, toTop: 400, distanceFromBottom: 500 })).toBe(false);
    expect(followsAfterScroll(true, { fromTop: 900, toTop: 880, distanceFromBottom: 20 })).toBe(true);
  });

  it("keeps following when content grew past the threshold while the log scrolled itself down", () => {
    expect(followsAfterScroll(true, { fromTop: 400, toTop: 900, distanceFromBottom: nearBottomPx + 58 })).toBe(true);
  });

  it("follows again once the reader scrolls back down to the bottom, not before", () => {
    expect(followsAfterScroll(false, { fromTop: 400, toTop: 600, distanceFromBottom: 300 })).toBe(false);
    expect(followsAfterScroll(false, { fromTop: 600, toTop: 890, distanceFromBottom: 10 })).toBe(true);
  });
});
