import { describe, expect, it, vi } from "vitest";
import { createOutputCollector, DeltaHandlerError, OversizedChunkError, truncateChars } from "./output-collector.js";

const limits = { maxChunkChars: 10, maxOutputChars: 12 };

describe("createOutputCollector", () => {
  it("hands every delta to onDelta in order and joins them", () => {
    const onDelta = vi.fn();
    const output = createOutputCollector(limits, onDelta);
    expect(output.append("Hello")).toBe(true);
    expect(output.append(" you")).toBe(true);
    expect(onDelta.mock.calls).toEqual([["Hello"], [" you"]]);
    expect(output.text).toBe("Hello you");
    expect(output.delivered).toBe(true);
  });

  it("stops at the output limit, delivering only what fits", () => {
    const onDelta = vi.fn();
    const output = createOutputCollector(limits, onDelta);
    output.append("0123456789");
    expect(output.append("abcdef")).toBe(false);
    expect(output.text).toBe("0123456789ab");
    expect(output.capped).toBe(true);
    expect(onDelta).toHaveBeenLastCalledWith("ab");
  });

  it("rejects a chunk over the chunk limit", () => {
    const output = createOutputCollector(limits, undefined);
    expect(() => output.append("x".repeat(11))).toThrow(OversizedChunkError);
  });

  it("counts nothing as delivered without onDelta", () => {
    const output = createOutputCollector(limits, undefined);
    output.append("text");
    expect(output.delivered).toBe(false);
  });

  it("wraps an onDelta failure so it is not mistaken for a provider failure", () => {
    const failure = new Error("bus down");
    const output = createOutputCollector(limits, () => {
      throw failure;
    });
    expect(() => output.append("x")).toThrow(expect.objectContaining({ constructor: DeltaHandlerError, cause: failure }));
  });
});

describe("truncateChars", () => {
  it("keeps text within the limit untouched", () => {
    expect(truncateChars("abc", 3)).toBe("abc");
  });

  it("never splits a surrogate pair", () => {
    expect(truncateChars("a😀b", 2)).toBe("a");
    expect(truncateChars("a😀b", 3)).toBe("a😀");
  });
});
