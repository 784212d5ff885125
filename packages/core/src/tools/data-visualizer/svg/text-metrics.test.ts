import { describe, expect, it } from "vitest";
import { estimateTextWidth, truncateLabel, truncateMiddle } from "./text-metrics.js";

describe("truncateLabel", () => {
  it("keeps short labels and ends long ones with an ellipsis, counting characters", () => {
    expect(truncateLabel("short", 10)).toBe("short");
    expect(truncateLabel("a much longer label", 10)).toBe("a much lo…");
    expect([...truncateLabel("😀".repeat(20), 10)]).toHaveLength(10);
  });
});

describe("truncateMiddle", () => {
  it("keeps both ends so labels that differ at the end stay distinct", () => {
    expect(truncateMiddle("Product category 12", 16)).toBe("Product …gory 12");
    expect(truncateMiddle("Product category 13", 16)).not.toBe(truncateMiddle("Product category 12", 16));
    expect(truncateMiddle("fits", 16)).toBe("fits");
  });
});

describe("estimateTextWidth", () => {
  it("grows with the number of characters and the font size", () => {
    expect(estimateTextWidth("abcd", 10)).toBe(2 * estimateTextWidth("ab", 10));
    expect(estimateTextWidth("ab", 20)).toBe(2 * estimateTextWidth("ab", 10));
  });
});
