import type { ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";

/** One request/response pair: pauses that stop when the client leaves, and deliberate connection cuts. */
export interface Exchange {
  response: ServerResponse;
  /** Waits `milliseconds`; false when the client went away meanwhile (nothing more should be written). */
  pause(milliseconds: number | undefined): Promise<boolean>;
  /** Destroys the socket on purpose; not counted as a client abort. */
  cut(): void;
  readonly cutByServer: boolean;
}

export function createExchange(response: ServerResponse): Exchange {
  const clientGone = new AbortController();
  let cutByServer = false;
  response.once("close", () => clientGone.abort());
  return {
    response,
    async pause(milliseconds) {
      if (milliseconds !== undefined && milliseconds > 0 && !clientGone.signal.aborted) {
        await sleep(milliseconds, undefined, { signal: clientGone.signal }).catch((error: unknown) => {
          if (!clientGone.signal.aborted) throw error;
        });
      }
      return !clientGone.signal.aborted;
    },
    cut() {
      cutByServer = true;
      // destroySoon flushes what was already written (headers, earlier chunks), then closes.
      response.socket?.destroySoon();
    },
    get cutByServer() {
      return cutByServer;
    },
  };
}
