import { readChunks } from "./read-chunks.js";
import { createSseParser } from "./sse-parser.js";

export interface TestEventSourceInit {
  headers?: Record<string, string>;
  /** Like the `eventsource` package's option: how each (re)connection is made. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  withCredentials?: boolean;
}

export interface TestMessageEvent {
  type: string;
  data: string;
  lastEventId: string;
}

type Listener = (event: TestMessageEvent | { type: string }) => void;

const connecting = 0;
const open = 1;
const closed = 2;

/**
 * Node 20 has no EventSource. This one follows the standard's client behaviour that tRPC's
 * `httpSubscriptionLink` relies on: named events, `Last-Event-ID` on reconnect, `retry:`, and
 * failing (no reconnect) on a non-200 answer. It also sends headers, which browsers' cannot.
 */
export class TestEventSource {
  static readonly CONNECTING = connecting;
  static readonly OPEN = open;
  static readonly CLOSED = closed;
  readonly CONNECTING = connecting;
  readonly OPEN = open;
  readonly CLOSED = closed;
  readyState = connecting;
  readonly url: string;
  /** Every connection attempt and the Last-Event-ID it sent. */
  readonly connections: Array<{ lastEventId: string }> = [];
  private lastEventId = "";
  private reconnectMilliseconds = 50;
  private readonly init: TestEventSourceInit;
  private readonly listeners = new Map<string, Set<Listener>>();
  private connection: AbortController | undefined;

  constructor(url: string, init: TestEventSourceInit = {}) {
    this.url = url;
    this.init = init;
    void this.connect();
  }

  addEventListener(type: string, listener: Listener): void {
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener);
    this.listeners.set(type, set);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  close(): void {
    this.readyState = closed;
    this.connection?.abort();
  }

  /** Cuts the current connection as a network failure would; the source reconnects and resumes. */
  dropConnection(): void {
    this.connection?.abort();
  }

  private dispatch(event: TestMessageEvent | { type: string }): void {
    for (const listener of this.listeners.get(event.type) ?? []) listener(event);
  }

  private async connect(): Promise<void> {
    const controller = new AbortController();
    this.connection = controller;
    this.connections.push({ lastEventId: this.lastEventId });
    const headers: Record<string, string> = { accept: "text/event-stream", ...this.init.headers };
    if (this.lastEventId) headers["last-event-id"] = this.lastEventId;
    try {
      const response = await (this.init.fetch ?? fetch)(this.url, { headers, signal: controller.signal });
      if (response.status !== 200 || !response.headers.get("content-type")?.startsWith("text/event-stream")) {
        await response.body?.cancel();
        this.readyState = closed;
        this.dispatch({ type: "error" });
        return;
      }
      this.readyState = open;
      this.dispatch({ type: "open" });
      const feed = createSseParser((frame) => {
        if (frame.retry !== undefined) this.reconnectMilliseconds = frame.retry;
        if (frame.id !== undefined) this.lastEventId = frame.id;
        if (frame.data === undefined || this.readyState === closed) return;
        this.dispatch({ type: frame.event || "message", data: frame.data, lastEventId: this.lastEventId });
      });
      const decoder = new TextDecoder();
      await readChunks(response, (chunk) => feed(decoder.decode(chunk, { stream: true })), controller.signal);
    } catch {
      // A refused or broken connection is what reconnecting is for (the standard's "network error").
    }
    if (this.readyState === closed) return;
    this.readyState = connecting;
    this.dispatch({ type: "error" });
    setTimeout(() => void this.connect(), this.reconnectMilliseconds);
  }
}

/** A TestEventSource class that remembers its instances, so a test can reach the sources a client made. */
export function trackedEventSourceClass(): { EventSource: typeof TestEventSource; sources: Set<TestEventSource> } {
  const sources = new Set<TestEventSource>();
  class TrackedEventSource extends TestEventSource {
    constructor(url: string, init?: TestEventSourceInit) {
      super(url, init);
      sources.add(this);
    }
  }
  return { EventSource: TrackedEventSource, sources };
}
