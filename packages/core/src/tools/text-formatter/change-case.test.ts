import { describe, expect, it } from "vitest";
import { changeCase, splitWords } from "./change-case.js";

describe("changeCase", () => {
  it.each([
    ["upper", "Hello, wörld", "HELLO, WÖRLD"],
    ["lower", "Hello, WÖRLD", "hello, wörld"],
    ["title", "the QUICK brown-fox don't stop", "The Quick Brown-Fox Don't Stop"],
    ["sentence", "HELLO THERE. how ARE you? fine!\n\nnew paragraph", "Hello there. How are you? Fine!\n\nNew paragraph"],
    ["snake", "Parse HTTP response", "parse_http_response"],
    ["kebab", "userAccountId", "user-account-id"],
    ["camel", "user_account_id", "userAccountId"],
    ["pascal", "user-account id", "UserAccountId"],
  ] as const)("converts to %s case", (style, text, expected) => {
    expect(changeCase(text, style)).toBe(expected);
  });

  it("converts identifiers line by line and keeps the line endings", () => {
    expect(changeCase("first name\r\nLastName\n\nzip code", "snake")).toBe("first_name\r\nlast_name\n\nzip_code");
  });

  it("keeps letters outside ASCII in identifiers", () => {
    expect(changeCase("Crème Brûlée recipe", "kebab")).toBe("crème-brûlée-recipe");
  });

  it("leaves sentence case alone inside a sentence broken across lines", () => {
    expect(changeCase("the cat\nsat down.", "sentence")).toBe("The cat\nsat down.");
  });
});

describe("splitWords", () => {
  it.each([
    ["parseHTTPResponse", ["parse", "HTTP", "Response"]],
    ["XMLHttpRequest2", ["XML", "Http", "Request2"]],
    ["  __snake__case--and kebab  ", ["snake", "case", "and", "kebab"]],
    ["version2Beta", ["version2", "Beta"]],
    ["", []],
  ])("splits %j", (text, words) => {
    expect(splitWords(text)).toEqual(words);
  });
});
