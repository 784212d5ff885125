// The reference: a plain express SSE endpoint fed by an in-process emitter. No durable log, no
// resume, no per-user limit: the least a server can do to put the same events on the wire.
import type { AddressInfo } from "node:net";
import express, { type Response } from "express";
import { runServerChild } from "../lib/server-child.js";
import { createStreamingControl, type BenchSession } from "./streaming-control.js";

await runServerChild(async () => {
  const subscribers = new Map<string, Set<Response>>();
  const lastIds = new Map<string, { milliseconds: number; sequence: number }>();

  const app = express();
  app.disable("x-powered-by");
  app.get("/events/:sessionId", (request, response) => {
    const sessionId = request.params.sessionId;
    response.writeHead(200, { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache", Connection: "keep-alive" });
    response.write("retry: 2000\n\n");
    const set = subscribers.get(sessionId) ?? new Set();
    subscribers.set(sessionId, set);
    set.add(response);
    response.once("close", () => set.delete(response));
  });

  const nextId = (sessionId: string) => {
    const now = Date.now();
    const last = lastIds.get(sessionId);
    const next = last && last.milliseconds >= now ? { milliseconds: last.milliseconds, sequence: last.sequence + 1 } : { milliseconds: now, sequence: 0 };
    lastIds.set(sessionId, next);
    return `${next.milliseconds}-${next.sequence}`;
  };

  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    control: createStreamingControl((session: BenchSession, event) => {
      const id = nextId(session.sessionId);
      // Serialized once per event, as CodeLab's REST stream does: the comparison is about the rest of the path.
      const data = JSON.stringify({
        id,
        type: event.type,
        project_id: session.projectId,
        session_id: session.sessionId,
        plan_id: null,
        published_at: new Date().toISOString(),
        payload: event.payload,
      });
      const frame = `id: ${id}\nevent: ${event.type}\ndata: ${data}\n\n`;
      for (const response of subscribers.get(session.sessionId) ?? []) response.write(frame);
      return Promise.resolve({ id });
    }),
  };
});
