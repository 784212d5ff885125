import { readChunks } from "./read-chunks.js";
import { createSseParser, type SseFrame } from "./sse-parser.js";

/** A raw `text/event-stream` response, read as it arrives: for tests of what the server writes. */
export interface TestEventStream {
  status: number;
  headers: Headers;
  /** The JSON error body of a refused request; undefined for a stream. */
  body: unknown;
  /** Every frame so far, heartbeats and the retry hint included. */
  frames: SseFrame[];
  /** The frames carrying an event id: the typed events, in order. */
  events(): SseFrame[];
  /** Resolves once `condition` holds for the frames received; rejects after `timeoutMilliseconds`. */
  waitFor(condition: (frames: SseFrame[]) => boolean, timeoutMilliseconds?: number): Promise<void>;
  /** Resolves when the server ends the response or drops the connection, or the client closes it. */
  ended: Promise<void>;
  /** Why reading stopped early, when the connection broke rather than ended. */
  connectionError(): unknown;
  /** Starts reading a stream opened with `paused`, as a client that was too slow to keep up finally catching up. */
  resume(): void;
  /** Hangs up, as a browser tab closing would. */
  close(): Promise<void>;
}

export interface TestEventStreamOptions {
  headers?: Record<string, string>;
  /** Read nothing until `resume()`, so the server's writes back up. */
  paused?: boolean;
}

/** Opens an event stream with plain fetch; no reconnecting, so a test decides when and how to resume. */
export async function openTestEventStream(url: string, { headers = {}, paused = false }: TestEventStreamOptions = {}): Promise<TestEventStream> {
  const controller = new AbortController();
  let resume = () => {};
  const reading = paused ? new Promise<void>((resolve) => (resume = resolve)) : Promise.resolve();
  const response = await fetch(url, { headers: { accept: "text/event-stream", ...headers }, signal: controller.signal });
  const frames: SseFrame[] = [];
  const waiters = new Set<() => void>();
  const feed = createSseParser((frame) => {
    frames.push(frame);
    for (const wake of waiters) wake();
  });

  let body: unknown;
  let finished = false;
  let connectionError: unknown;
  let ended: Promise<void>;
  if (!response.headers.get("content-type")?.startsWith("text/event-stream")) {
    const text = await response.text();
    body = text ? JSON.parse(text) : undefined;
    finished = true;
    ended = Promise.resolve();
  } else {
    ended = (async () => {
      const decoder = new TextDecoder();
      await reading;
      try {
        await readChunks(response, (chunk) => feed(decoder.decode(chunk, { stream: true })), controller.signal);
      } catch (error) {
        // A connection the server dropped ends the stream as an orderly end would; a test can tell them apart.
        if (!controller.signal.aborted) connectionError = error;
      } finally {
        finished = true;
        for (const wake of waiters) wake();
      }
    })();
  }

  return {
    status: response.status,
    headers: response.headers,
    body,
    frames,
    events: () => frames.filter((frame) => frame.id !== undefined && frame.id !== ""),
    waitFor(condition, timeoutMilliseconds = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (condition(frames)) {
            done();
            resolve();
          } else if (finished) {
            done();
            reject(new Error(`the stream ended after ${frames.length} frames without the expected ones`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out after ${frames.length} frames`));
        }, timeoutMilliseconds);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    ended,
    connectionError: () => connectionError,
    resume,
    async close() {
      resume();
      controller.abort();
      await ended;
    },
  };
}
