import type { Redis } from "ioredis";
import { appendEventsScript } from "./redis-scripts.js";
import type { RetentionOptions } from "./retention.js";

export interface AppendRequest {
  sessionId: string;
  /** The event as stored (see encodeEvent). */
  encoded: string;
  /** The publisher's clock when it published: the id's milliseconds unless the log is already past them. */
  nowMilliseconds: number;
}

export interface AppendResult {
  id: string;
  /** The id this event follows in its session's log ("0-0" when it is the first). */
  previousId: string;
}

export interface AppendBatcherOptions {
  redis: Redis;
  streamKey(sessionId: string): string;
  watchersKey(sessionId: string): string;
  retention: RetentionOptions;
  /** Left out of the wake-ups: this instance delivers its own appends. */
  wakeChannel: string;
}

interface PendingAppend extends AppendRequest {
  resolve(result: AppendResult): void;
  reject(error: Error): void;
}

type ScriptReply = Array<string | null>;

/** Redis refused this one event (say, its session's key holds something else): it was not stored. */
export class EventNotAppendedError extends Error {
  constructor(reason: string) {
    super(`The event was not appended: ${reason}`);
    this.name = "EventNotAppendedError";
  }
}

/** Bounds one script call's size, and how long it holds Redis. */
const maxEventsPerCall = 64;

/**
 * Appends requested during one turn of the event loop go to Redis as one script call, in the order
 * requested: under load the cost of a command (on both sides) is paid per burst, not per event.
 * The burst leaves once the turn's timers and I/O callbacks have run, as automatic pipelining would.
 */
export function createAppendBatcher(options: AppendBatcherOptions): (request: AppendRequest) => Promise<AppendResult> {
  const { redis, retention } = options;
  let pending: PendingAppend[] = [];

  function send(batch: PendingAppend[]): void {
    const keys: string[] = [];
    const args: Array<string | number> = [retention.minEvents, retention.minAgeMilliseconds, retention.idleExpiryMilliseconds, options.wakeChannel];
    for (const { sessionId, encoded, nowMilliseconds } of batch) {
      keys.push(options.streamKey(sessionId), options.watchersKey(sessionId));
      args.push(nowMilliseconds, encoded, sessionId);
    }
    appendEventsScript.run(redis, keys, args).then(
      (reply) => {
        const values = reply as ScriptReply;
        for (const [index, request] of batch.entries()) {
          const id = values[index * 2];
          const detail = values[index * 2 + 1] ?? "";
          if (typeof id === "string") request.resolve({ id, previousId: detail });
          else request.reject(new EventNotAppendedError(detail));
        }
      },
      (error: unknown) => {
        const failure = error instanceof Error ? error : new Error(String(error));
        for (const request of batch) request.reject(failure);
      },
    );
  }

  function flush(): void {
    const batch = pending;
    pending = [];
    for (let start = 0; start < batch.length; start += maxEventsPerCall) send(batch.slice(start, start + maxEventsPerCall));
  }

  return (request) =>
    new Promise((resolve, reject) => {
      if (pending.length === 0) setImmediate(flush);
      pending.push({ ...request, resolve, reject });
    });
}
