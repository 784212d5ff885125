import { describe, expect, it } from "vitest";
import { isAfter } from "./event-id.js";

describe("isAfter", () => {
  it("orders by time, then by sequence, numerically", () => {
    expect(isAfter("1767225600001-0", "1767225600000-9")).toBe(true);
    expect(isAfter("1767225600000-10", "1767225600000-9")).toBe(true);
    expect(isAfter("1767225600000-9", "1767225600000-10")).toBe(false);
  });

  it("does not count the same id as later", () => {
    expect(isAfter("5-1", "5-1")).toBe(false);
  });
});
