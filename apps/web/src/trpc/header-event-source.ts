import { createSseParser } from "./sse-parser.js";

export interface HeaderEventSourceInit {
  /** Read on every (re)connection, so a renewed access token is used. */
  headers?: () => Record<string, string>;
}

const defaultRetryMs = 1_000;
const maxRetryMs = 15_000;

/**
 * An EventSource that sends headers. The browser's own cannot, and the access token must never be
 * put in a URL (URLs end up in logs and history). Like the native one it reconnects after a
 * dropped stream with `Last-Event-ID`, and gives up (CLOSED, then "error") on an HTTP failure.
 */
export class HeaderEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSED = 2;
  readonly url: string;
  readonly withCredentials = false;
  readyState = 0;
  readonly #abort = new AbortController();
  readonly #headers: () => Record<string, string>;
  #lastEventId = "";
  #retryMs = defaultRetryMs;

  constructor(url: string | URL, init: HeaderEventSourceInit = {}) {
    super();
    this.url = String(url);
    this.#headers = init.headers ?? (() => ({}));
    void this.#run();
  }

  close(): void {
    this.readyState = this.CLOSED;
    this.#abort.abort();
  }

  async #run(): Promise<void> {
    let failures = 0;
    for (;;) {
      const outcome = await this.#connectOnce();
      if (this.#abort.signal.aborted) return;
      if (outcome === "refused") {
        this.readyState = this.CLOSED;
        this.dispatchEvent(new Event("error"));
        return;
      }
      failures = outcome === "dropped-after-open" ? 0 : failures + 1;
      this.readyState = this.CONNECTING;
      this.dispatchEvent(new Event("error"));
      await this.#sleep(Math.min(this.#retryMs * 2 ** failures, maxRetryMs));
      if (this.#abort.signal.aborted) return;
    }
  }

  async #connectOnce(): Promise<"refused" | "unreachable" | "dropped-after-open"> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        headers: {
          accept: "text/event-stream",
          ...(this.#lastEventId ? { "last-event-id": this.#lastEventId } : {}),
          ...this.#headers(),
        },
        cache: "no-store",
        credentials: "same-origin",
        signal: this.#abort.signal,
      });
    } catch {
      return "unreachable";
    }
    const isStream = response.headers.get("content-type")?.startsWith("text/event-stream") ?? false;
    if (!response.ok || !isStream || !response.body) return "refused";
    this.readyState = this.OPEN;
    this.dispatchEvent(new Event("open"));
    await this.#read(response.body);
    return "dropped-after-open";
  }

  async #read(body: ReadableStream<Uint8Array>): Promise<void> {
    const parser = createSseParser(this.#lastEventId);
    const reader = body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        for (const event of parser.push(decoder.decode(value, { stream: true }))) {
          this.#lastEventId = event.lastEventId;
          if (this.readyState === this.CLOSED) return;
          this.dispatchEvent(new MessageEvent(event.type, { data: event.data, lastEventId: event.lastEventId }));
        }
        this.#retryMs = parser.retryMs ?? this.#retryMs;
      }
    } catch {
      // A dropped connection (or close()) ends the read; #run decides whether to reconnect.
    } finally {
      this.#lastEventId = parser.lastEventId;
    }
  }

  #sleep(milliseconds: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, milliseconds);
      this.#abort.signal.addEventListener(
        "abort",
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
}
