import { describe, expect, it } from "vitest";
import { systemClock } from "../ports/clock.js";
import { createEventBus } from "./create-event-bus.js";
import type { EventLog, LogPage } from "./event-log.js";
import { createMemoryEventLog } from "./memory-event-bus.js";
import { defaultRetention } from "./retention.js";
import { newScope, publishDeltas, range, take, textsOf } from "./testing/event-bus-contract.js";

interface ReadHooks {
  /** Runs as read number `readNumber` starts: what it appends is in the page and in live delivery. */
  beforeSnapshot?(readNumber: number, log: EventLog): void;
  /** Runs after the page is taken: what it appends reaches live delivery only. */
  afterSnapshot?(readNumber: number, log: EventLog): void;
}

/** Replays through this log meet concurrent appends at exactly the points where they race. */
function logWithReadHooks(hooks: ReadHooks): EventLog {
  const log = createMemoryEventLog(systemClock, defaultRetention);
  let reads = 0;
  return {
    ...log,
    async read(sessionId, afterId, limit): Promise<LogPage> {
      reads += 1;
      hooks.beforeSnapshot?.(reads, log);
      const page = await log.read(sessionId, afterId, limit);
      hooks.afterSnapshot?.(reads, log);
      return page;
    },
  };
}

describe("subscription protocol", () => {
  const scope = newScope();
  const appendDeltas = (log: EventLog, texts: string[]): void => {
    for (const text of texts) {
      void log.append(scope, {
        type: "message-delta",
        payload: { messageId: "message-1", sessionId: scope.sessionId, agentId: "agent-1", text },
      });
    }
  };

  it("delivers once each event appended while the replay was being read", async () => {
    const bus = createEventBus(
      logWithReadHooks({ beforeSnapshot: (readNumber, log) => readNumber === 1 && appendDeltas(log, range(3, 6)) }),
    );
    const earlier = await publishDeltas(bus, scope, range(0, 3));
    const subscription = await bus.subscribe(scope, { afterId: earlier[0]?.id });
    await publishDeltas(bus, scope, range(6, 8));

    expect(textsOf(await take(subscription, 7, 1_000))).toEqual(range(1, 8));
    await bus.close();
  });

  it("reads the log again when live events overflowed after the replay's last snapshot", async () => {
    const bus = createEventBus(
      logWithReadHooks({ afterSnapshot: (readNumber, log) => readNumber === 1 && appendDeltas(log, range(3, 23)) }),
      { maxBufferedEvents: 5 },
    );
    const earlier = await publishDeltas(bus, scope, range(0, 3));
    const subscription = await bus.subscribe(scope, { afterId: earlier[0]?.id });
    await publishDeltas(bus, scope, range(23, 25));

    expect(textsOf(await take(subscription, 24, 1_000))).toEqual(range(1, 25));
    await bus.close();
  });
});
