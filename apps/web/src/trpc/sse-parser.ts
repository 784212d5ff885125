/** One dispatched server-sent event; `lastEventId` persists across events as the spec says. */
export interface ServerSentEvent {
  type: string;
  data: string;
  lastEventId: string;
}

export interface SseParser {
  /** Feeds decoded text; returns the events it completed. */
  push(chunk: string): ServerSentEvent[];
  /** The reconnection delay the server asked for with `retry:`, if any. */
  readonly retryMs: number | undefined;
  readonly lastEventId: string;
}

/**
 * The event-stream format from the HTML standard (§9.2.6): fields per line, an empty line
 * dispatches, comments start with ":", and a chunk may end mid-line.
 */
export function createSseParser(initialLastEventId = ""): SseParser {
  let buffer = "";
  let type = "";
  let data: string[] = [];
  let lastEventId = initialLastEventId;
  let retryMs: number | undefined;

  function field(line: string, completed: ServerSentEvent[]): void {
    if (line === "") {
      if (data.length > 0) completed.push({ type: type || "message", data: data.join("\n"), lastEventId });
      type = "";
      data = [];
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const name = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    switch (name) {
      case "event":
        type = value;
        break;
      case "data":
        data.push(value);
        break;
      case "id":
        if (!value.includes("\u0000")) lastEventId = value;
        break;
      case "retry":
        if (/^\d+$/.test(value)) retryMs = Number(value);
        break;
    }
  }

  return {
    push(chunk) {
      const text = buffer + chunk;
      // A final "\r" may be the first half of "\r\n": its line waits for the next chunk.
      const holdsCarriageReturn = text.endsWith("\r");
      const lines = (holdsCarriageReturn ? text.slice(0, -1) : text).split(/\r\n|\n|\r/);
      buffer = (lines.pop() ?? "") + (holdsCarriageReturn ? "\r" : "");
      const completed: ServerSentEvent[] = [];
      for (const line of lines) field(line, completed);
      return completed;
    },
    get retryMs() {
      return retryMs;
    },
    get lastEventId() {
      return lastEventId;
    },
  };
}
