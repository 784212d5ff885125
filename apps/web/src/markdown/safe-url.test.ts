import { describe, expect, it } from "vitest";
import { safeHref } from "./safe-url.js";

describe("safeHref", () => {
  it("keeps absolute http and https URLs", () => {
    expect(safeHref("https://example.com/docs?q=1#top")).toBe("https://example.com/docs?q=1#top");
    expect(safeHref(" http://example.com ")).toBe("http://example.com/");
  });

  it("refuses script, data and other schemes however they are spelled", () => {
    for (const url of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      " javascript:alert(1)",
      "java\tscript:alert(1)",
      "java\nscript:alert(1)",
      "\u0001javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "file:///etc/passwd",
      "mailto:someone@example.com",
    ]) {
      expect(safeHref(url), url).toBeUndefined();
    }
  });

  it("refuses relative and protocol-relative URLs", () => {
    expect(safeHref("/projects")).toBeUndefined();
    expect(safeHref("//evil.example/x")).toBeUndefined();
    expect(safeHref("#anchor")).toBeUndefined();
  });
});
