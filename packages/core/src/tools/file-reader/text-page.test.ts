import { describe, expect, it } from "vitest";
import { decodeTextPage } from "./text-page.js";

const bytes = (text: string) => Buffer.from(text, "utf8");

describe("decodeTextPage", () => {
  it("decodes a whole page of text", () => {
    expect(decodeTextPage(bytes("hello"), { offset: 0, atEndOfFile: true })).toEqual({ kind: "text", text: "hello", start: 0, end: 5 });
  });

  it("leaves a character cut at the end of a page for the next one", () => {
    // "aé€" is 1 + 2 + 3 bytes; a 5-byte page ends two bytes into the euro sign.
    const page = decodeTextPage(bytes("aé€").subarray(0, 5), { offset: 0, atEndOfFile: false });

    expect(page).toEqual({ kind: "text", text: "aé", start: 0, end: 3 });
  });

  it("skips the tail of a character that a page starts inside", () => {
    const page = decodeTextPage(bytes("€b").subarray(1), { offset: 1, atEndOfFile: true });

    expect(page).toEqual({ kind: "text", text: "b", start: 3, end: 4 });
  });

  it("calls bytes with NUL or invalid UTF-8 binary", () => {
    expect(decodeTextPage(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), { offset: 0, atEndOfFile: true })).toEqual({ kind: "binary" });
    expect(decodeTextPage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe]), { offset: 0, atEndOfFile: true })).toEqual({ kind: "binary" });
  });
});
