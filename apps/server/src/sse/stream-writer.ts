import type { Response } from "express";

export interface StreamTiming {
  /** A heartbeat on a quiet stream this often, so proxies and clients know it is alive. */
  heartbeatMilliseconds: number;
  /** A client that accepts no more bytes for this long is disconnected; it resumes from the last event it read. */
  stallTimeoutMilliseconds: number;
}

export interface StreamWriter {
  /** Queues text or encoded text; false when the client has not taken what was written before, and the caller should wait for `drained()`. */
  write(chunk: string | Buffer): boolean;
  /** Resolves true once the client has taken the buffered bytes, false when it left or stalled (the connection is then dropped). */
  drained(): Promise<boolean>;
  /** Stops the heartbeat and ends the response. */
  end(text?: string): void;
}

export interface StreamWriterOptions extends StreamTiming {
  /** A comment or event written when nothing else was for a heartbeat interval. */
  heartbeat: string;
  /**
   * For callers that write each event on its own: the writes of one tick then go to the socket
   * as one (corked until the tick's work is done), so a burst costs one syscall, not one per event.
   */
  coalesceWritesPerTick: boolean;
}

/** The heartbeat only fills silence, and never piles onto a buffer the client has not taken. */
export function createStreamWriter(response: Response, options: StreamWriterOptions): StreamWriter {
  let corked = false;
  let wroteSinceHeartbeat = false;
  const uncork = () => {
    corked = false;
    response.uncork();
  };
  const write = (chunk: string | Buffer): boolean => {
    wroteSinceHeartbeat = true;
    if (options.coalesceWritesPerTick && !corked) {
      corked = true;
      response.cork();
      process.nextTick(uncork);
    }
    return response.write(chunk);
  };
  const timer = setInterval(() => {
    if (!wroteSinceHeartbeat && !response.writableNeedDrain) write(options.heartbeat);
    wroteSinceHeartbeat = false;
  }, options.heartbeatMilliseconds);

  return {
    write,
    drained: () =>
      new Promise((resolve) => {
        const finish = (taken: boolean) => {
          clearTimeout(stall);
          response.off("drain", onDrain);
          response.off("close", onClose);
          if (!taken) response.destroy();
          resolve(taken);
        };
        const onDrain = () => finish(true);
        const onClose = () => finish(false);
        const stall = setTimeout(() => finish(false), options.stallTimeoutMilliseconds);
        response.once("drain", onDrain);
        response.once("close", onClose);
      }),
    end(text) {
      clearInterval(timer);
      response.end(text);
    },
  };
}
