import { describe, expect, it } from "vitest";
import { splitText } from "./write-chat-completion.js";

describe("splitText", () => {
  it("returns exactly the requested number of pieces that join back to the text", () => {
    const pieces = splitText("abcdefghij", 6);
    expect(pieces).toHaveLength(6);
    expect(pieces.join("")).toBe("abcdefghij");
  });

  it("defaults to one piece per word, keeping every space", () => {
    expect(splitText(" one two  three", undefined)).toEqual([" one ", "two  ", "three"]);
    expect(splitText("   ", undefined)).toEqual(["   "]);
  });

  it("never returns empty pieces", () => {
    expect(splitText("ab", 5)).toEqual(["a", "b"]);
    expect(splitText("", 3)).toEqual([]);
  });
});
