import { describe, expect, it } from "vitest";
import { countMessageTokens, countTokens } from "./token-count.js";

describe("countTokens", () => {
  it("counts o200k tokens of plain text", () => {
    expect(countTokens("")).toBe(0);
    expect(countTokens("hello world")).toBe(2);
  });

  it("counts special-token spellings in user text as plain text instead of throwing", () => {
    expect(countTokens("before <|endoftext|> after")).toBeGreaterThan(3);
  });
});

describe("countMessageTokens", () => {
  it("adds the chat framing to the content tokens", () => {
    const messages = [
      { role: "system" as const, content: "hello world" },
      { role: "user" as const, content: "hello world" },
    ];
    // 2 content + 1 role + 3 framing per message, plus 3 for the reply priming.
    expect(countMessageTokens(messages)).toBe(2 * (2 + 1 + 3) + 3);
  });
});
