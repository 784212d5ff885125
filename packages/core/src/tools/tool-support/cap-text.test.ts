import { describe, expect, it } from "vitest";
import { capText } from "./cap-text.js";

describe("capText", () => {
  it("returns text within the cap unchanged", () => {
    expect(capText("hello", 5)).toBe("hello");
  });

  it("cuts longer text, says how many characters were left out, and stays within the cap", () => {
    const text = "x".repeat(1000);
    const capped = capText(text, 100);
    expect(capped.length).toBeLessThanOrEqual(100);
    const kept = capped.indexOf("\n");
    expect(capped.slice(kept)).toBe(`\n… [truncated: ${1000 - kept} more characters]`);
    expect(capped.slice(0, kept)).toBe("x".repeat(kept));
  });
});
