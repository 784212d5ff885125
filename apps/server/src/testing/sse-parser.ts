/** One dispatched block of a `text/event-stream`, comments included (a heartbeat is a block of comments only). */
export interface SseFrame {
  id: string | undefined;
  event: string | undefined;
  /** Data lines joined with "\n", or undefined when the block had none. */
  data: string | undefined;
  retry: number | undefined;
  comments: string[];
}

const emptyFrame = (): SseFrame => ({ id: undefined, event: undefined, data: undefined, retry: undefined, comments: [] });

/**
 * The line parsing of the HTML standard's event stream interpretation, kept as a plain reader for
 * tests: every block ending in a blank line becomes a frame. Returns the function to feed text to.
 */
export function createSseParser(onFrame: (frame: SseFrame) => void): (text: string) => void {
  let pending = "";
  let frame = emptyFrame();
  let hasFields = false;

  function processLine(line: string): void {
    if (line === "") {
      if (hasFields) onFrame(frame);
      frame = emptyFrame();
      hasFields = false;
      return;
    }
    hasFields = true;
    if (line.startsWith(":")) {
      frame.comments.push(line.slice(1).replace(/^ /, ""));
      return;
    }
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "data") frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
    else if (field === "event") frame.event = value;
    else if (field === "id" && !value.includes("\0")) frame.id = value;
    else if (field === "retry" && /^\d+$/.test(value)) frame.retry = Number(value);
  }

  return (text) => {
    pending += text;
    const lines = pending.split(/\r\n|\r|\n/);
    pending = lines.pop() ?? "";
    for (const line of lines) processLine(line);
  };
}
