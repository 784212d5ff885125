// The bench-only publisher inside a streaming server child: the same simulated producers feed
// CodeLab's bus and the reference's emitter, so their CPU is charged equally to both.
import { createDeltaCoalescer, type EventOf } from "@codelab/core";

export interface BenchSession {
  userId: string;
  projectId: string;
  sessionId: string;
}

export type BenchEvent = EventOf<"message-start"> | EventOf<"message-delta"> | EventOf<"message-end">;

export type PublishEvent = (session: BenchSession, event: BenchEvent) => Promise<{ id: string }>;

/** What the bench asks a streaming child to publish. Every request resolves once all of it is published. */
export type StreamingRequest =
  /** One event per session; answers with their ids, so the bench knows when every subscriber is live. */
  | { type: "probe"; sessions: BenchSession[] }
  /** `count` deltas into one session at a steady rate; answers with how many were published. */
  | { type: "fan-out"; session: BenchSession; count: number; eventsPerSecond: number }
  /**
   * Every session streams a reply of `tokens` tokens at `tokensPerSecond`, starts spread over the
   * first second, through the production delta coalescer; answers with each session's event count.
   */
  | { type: "replies"; sessions: BenchSession[]; tokens: number; tokensPerSecond: number };

const messageSubject = (session: BenchSession, index: number) => ({
  messageId: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
  sessionId: session.sessionId,
  agentId: "00000000-0000-4000-8000-000000000001",
});

const delay = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, milliseconds)));

function delta(session: BenchSession, index: number, text: string): BenchEvent {
  return { type: "message-delta", payload: { ...messageSubject(session, index), text } };
}

async function fanOut(publish: PublishEvent, session: BenchSession, count: number, eventsPerSecond: number): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < count; index++) {
    await delay(started + (index * 1000) / eventsPerSecond - performance.now());
    await publish(session, delta(session, 0, ` token ${index}`));
  }
  return count;
}

async function streamReply(publish: PublishEvent, session: BenchSession, index: number, words: AsyncIterable<string>): Promise<number> {
  const subject = { ...messageSubject(session, index), agentName: "BenchAgent" };
  let published = 1;
  await publish(session, { type: "message-start", payload: { ...subject, model: "bench", startedAt: new Date().toISOString() } });
  const coalescer = createDeltaCoalescer((text) => {
    published += 1;
    return publish(session, delta(session, index, text));
  });
  let content = "";
  for await (const word of words) {
    content += word;
    coalescer.push(word);
  }
  await coalescer.flush();
  await publish(session, {
    type: "message-end",
    payload: {
      ...subject,
      content,
      model: "bench",
      usage: { promptTokens: 100, completionTokens: 300 },
      costUsd: 0.001,
      latencyMilliseconds: 6000,
      completedAt: new Date().toISOString(),
    },
  });
  return published + 1;
}

/** One timer for all sessions (as a model server's stream would tick): each session takes `tokens` ticks from its start tick. */
async function replies(publish: PublishEvent, sessions: BenchSession[], tokens: number, tokensPerSecond: number): Promise<number[]> {
  const tickMilliseconds = 1000 / tokensPerSecond;
  const startTicks = sessions.map((_, index) => Math.floor((index * tokensPerSecond) / sessions.length));
  const feeds = sessions.map(() => createFeed());
  let tick = 0;
  const timer = setInterval(() => {
    feeds.forEach((feed, index) => {
      const position = tick - (startTicks[index] ?? 0);
      if (position >= 0 && position < tokens) feed.push(` tok${position}`);
      if (position === tokens - 1) feed.end();
    });
    tick += 1;
  }, tickMilliseconds);
  try {
    return await Promise.all(sessions.map((session, index) => streamReply(publish, session, index, feeds[index]!.words())));
  } finally {
    clearInterval(timer);
  }
}

/** Words pushed by the ticker, read by a session's reply as an async iterable. */
function createFeed() {
  const queue: string[] = [];
  let ended = false;
  let wake: (() => void) | undefined;
  return {
    push(word: string) {
      queue.push(word);
      wake?.();
    },
    end() {
      ended = true;
      wake?.();
    },
    async *words(): AsyncIterable<string> {
      for (;;) {
        const word = queue.shift();
        if (word !== undefined) yield word;
        else if (ended) return;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}

export function createStreamingControl(publish: PublishEvent): (body: unknown) => Promise<unknown> {
  return async (body) => {
    const request = body as StreamingRequest;
    switch (request.type) {
      case "probe":
        return Promise.all(request.sessions.map(async (session) => (await publish(session, delta(session, 0, "probe"))).id));
      case "fan-out":
        return fanOut(publish, request.session, request.count, request.eventsPerSecond);
      case "replies":
        return replies(publish, request.sessions, request.tokens, request.tokensPerSecond);
    }
  };
}
