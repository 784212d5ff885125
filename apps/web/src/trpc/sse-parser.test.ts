import { describe, expect, it } from "vitest";
import { createSseParser } from "./sse-parser.js";

describe("createSseParser", () => {
  it("dispatches an event at each empty line, with its type, data and id", () => {
    const parser = createSseParser();
    expect(parser.push('event: connected\ndata: {"a":1}\n\nid: 7\ndata: hello\n\n')).toEqual([
      { type: "connected", data: '{"a":1}', lastEventId: "" },
      { type: "message", data: "hello", lastEventId: "7" },
    ]);
    expect(parser.lastEventId).toBe("7");
  });

  it("joins data lines and keeps an event split across chunks until it is complete", () => {
    const parser = createSseParser();
    expect(parser.push("data: first\nda")).toEqual([]);
    expect(parser.push("ta: second\n")).toEqual([]);
    expect(parser.push("\n")).toEqual([{ type: "message", data: "first\nsecond", lastEventId: "" }]);
  });

  it("treats CRLF split between chunks as one line ending", () => {
    const parser = createSseParser();
    expect(parser.push("data: a\r")).toEqual([]);
    expect(parser.push("\ndata: b\r\n\r\n")).toEqual([{ type: "message", data: "a\nb", lastEventId: "" }]);
  });

  it("ignores comments and events without data, and reads the retry delay", () => {
    const parser = createSseParser("3");
    expect(parser.push(": ping\n\nevent: empty\n\nretry: 2500\n\n")).toEqual([]);
    expect(parser.retryMs).toBe(2500);
    expect(parser.lastEventId).toBe("3");
  });

  it("strips only one space after the colon", () => {
    const parser = createSseParser();
    expect(parser.push("data:  two spaces\ndata:none\n\n")).toEqual([{ type: "message", data: " two spaces\nnone", lastEventId: "" }]);
  });
});
