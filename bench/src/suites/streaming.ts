import { randomBytes, randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { Database } from "@codelab/db";
import { createTestDatabase } from "@codelab/db/testing";
import { createTokenService, systemClock } from "@codelab/core";
import type { BenchServerOptions } from "../lib/server-protocol.js";
import { startServerProcess, type ServerProcess } from "../lib/server-process.js";
import { openSubscribers, type Subscribers } from "../lib/sse-subscribers.js";
import { percentile } from "../lib/stats.js";
import type { Check, Suite, SuiteReport } from "../lib/suite.js";
import type { BenchSession, StreamingRequest } from "../servers/streaming-control.js";

// The two scenarios. Fan-out publishes at a steady rate, so latency is delivery, not a backlog.
const fanOut = { subscribers: 200, events: 1_000, eventsPerSecond: 100 };
const manySessions = { sessions: 500, tokens: 300, tokensPerSecond: 50 };
const targets = { restCpuVsReference: 1.25, p99Milliseconds: 100 };
/** A transport that cannot keep up still gets this long to deliver everything before it counts as losing events. */
const deliveryTimeoutMilliseconds = 60_000;
const redisUrl = "redis://127.0.0.1:6379";

const serverEntry = (file: string) => fileURLToPath(new URL(`../servers/${file}`, import.meta.url));
const log = (line: string) => process.stderr.write(`${line}\n`);

type TransportName = "plain express (reference)" | "REST SSE" | "tRPC subscription" | "REST SSE, in-process bus";

interface Transport {
  name: TransportName;
  server: ServerProcess;
  url(session: BenchSession): string;
  headers: Record<string, string>;
}

interface ScenarioRun {
  scenario: "fan-out" | "500 sessions";
  transport: TransportName;
  expected: number;
  delivered: number;
  outOfOrder: number;
  droppedStreams: number;
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  serverCpuMs: number;
  cpuMicrosecondsPerEvent: number;
  /** Many sessions only: server CPU per token the simulated models produced. */
  cpuMicrosecondsPerToken: number | undefined;
}

async function seed(db: Database, sessionCount: number): Promise<{ userId: string; sessions: BenchSession[] }> {
  const userId = randomUUID();
  const projectId = randomUUID();
  await db.user.create({ data: { id: userId, email: `bench-${userId}@example.test`, username: "bench" } });
  await db.userProject.create({ data: { id: projectId, userId, name: "Streaming bench" } });
  const sessions = Array.from({ length: sessionCount }, () => ({ userId, projectId, sessionId: randomUUID() }));
  await db.chatSession.createMany({ data: sessions.map(({ sessionId }) => ({ id: sessionId, userId, projectId, topic: "bench" })) });
  return { userId, sessions };
}

/** Publishes a probe into every session until each subscriber has seen its session's latest: then all are live. */
async function waitUntilLive(transport: Transport, subscribers: Subscribers, sessionOf: readonly BenchSession[]): Promise<void> {
  const sessions = [...new Map(sessionOf.map((session) => [session.sessionId, session])).values()];
  for (let attempt = 0; attempt < 20; attempt++) {
    const ids = (await transport.server.control({ type: "probe", sessions } satisfies StreamingRequest)) as string[];
    const probeOf = new Map(sessions.map((session, index) => [session.sessionId, ids[index]]));
    const live = () => subscribers.lastIds().every((id, index) => id === probeOf.get(sessionOf[index]!.sessionId));
    if (await subscribers.waitUntil(live, 1_000)) return;
  }
  throw new Error(`${transport.name}: subscribers did not all go live`);
}

async function measure(
  transport: Transport,
  scenario: ScenarioRun["scenario"],
  sessionOf: readonly BenchSession[],
  request: StreamingRequest,
  expectedPer: (published: unknown, index: number) => number,
  tokens: number | undefined,
): Promise<ScenarioRun> {
  const subscribers = await openSubscribers(sessionOf.map((session) => transport.url(session)), transport.headers);
  try {
    await waitUntilLive(transport, subscribers, sessionOf);
    subscribers.startCounting();
    const cpuBefore = await transport.server.cpuTimeMicroseconds();
    const started = Date.now();
    const published = await transport.server.control(request);
    const expected = sessionOf.map((_, index) => expectedPer(published, index));
    const complete = () => subscribers.counts().every((count, index) => count >= expected[index]!);
    await subscribers.waitUntil(complete, deliveryTimeoutMilliseconds);
    const cpuMicroseconds = (await transport.server.cpuTimeMicroseconds()) - cpuBefore;
    const delivered = subscribers.counts().reduce((sum, count) => sum + count, 0);
    const seconds = Math.max(subscribers.lastArrival() - started, 1) / 1000;
    const run: ScenarioRun = {
      scenario,
      transport: transport.name,
      expected: expected.reduce((sum, count) => sum + count, 0),
      delivered,
      outOfOrder: subscribers.outOfOrder(),
      droppedStreams: subscribers.droppedStreams(),
      eventsPerSecond: delivered / seconds,
      p50Ms: percentile(subscribers.latencies, 0.5),
      p99Ms: percentile(subscribers.latencies, 0.99),
      serverCpuMs: cpuMicroseconds / 1000,
      cpuMicrosecondsPerEvent: cpuMicroseconds / Math.max(delivered, 1),
      cpuMicrosecondsPerToken: tokens === undefined ? undefined : cpuMicroseconds / tokens,
    };
    log(
      `  ${scenario} ${transport.name}: ${delivered}/${run.expected} events, ${Math.round(run.eventsPerSecond)}/s, ` +
        `p99 ${run.p99Ms} ms, ${run.cpuMicrosecondsPerEvent.toFixed(1)} µs CPU/event`,
    );
    return run;
  } finally {
    subscribers.close();
    // Let the server release the streams before the next scenario opens its own.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

async function runFanOut(transport: Transport, session: BenchSession): Promise<ScenarioRun> {
  const request: StreamingRequest = { type: "fan-out", session, count: fanOut.events, eventsPerSecond: fanOut.eventsPerSecond };
  return measure(transport, "fan-out", Array.from({ length: fanOut.subscribers }, () => session), request, () => fanOut.events, undefined);
}

async function runManySessions(transport: Transport, sessions: BenchSession[]): Promise<ScenarioRun> {
  const request: StreamingRequest = { type: "replies", sessions, tokens: manySessions.tokens, tokensPerSecond: manySessions.tokensPerSecond };
  const expectedPer = (published: unknown, index: number) => (published as number[])[index] ?? 0;
  return measure(transport, "500 sessions", sessions, request, expectedPer, manySessions.sessions * manySessions.tokens);
}

const formatNumber = (value: number, digits = 0) => value.toFixed(digits);

function report(runs: ScenarioRun[]): SuiteReport {
  const reference = (scenario: ScenarioRun["scenario"]) =>
    runs.find((run) => run.scenario === scenario && run.transport === "plain express (reference)");
  const cpuRatio = (run: ScenarioRun) => run.cpuMicrosecondsPerEvent / (reference(run.scenario)?.cpuMicrosecondsPerEvent ?? Number.NaN);
  const rows = runs.map((run) => [
    run.scenario,
    run.transport,
    `${run.delivered}/${run.expected}`,
    formatNumber(run.eventsPerSecond),
    formatNumber(run.p50Ms),
    formatNumber(run.p99Ms),
    formatNumber(run.serverCpuMs),
    formatNumber(run.cpuMicrosecondsPerEvent, 1),
    `${formatNumber(cpuRatio(run), 2)}x`,
    run.cpuMicrosecondsPerToken === undefined ? "" : formatNumber(run.cpuMicrosecondsPerToken, 1),
  ]);
  const checks: Check[] = [
    {
      kind: "correctness",
      description: "nothing lost, repeated or reordered: every subscriber received exactly its session's events, in order",
      passed: runs.every((run) => run.delivered === run.expected && run.outOfOrder === 0 && run.droppedStreams === 0),
    },
    ...runs
      .filter((run) => run.transport.startsWith("REST SSE"))
      .map((run): Check => ({
        kind: "target",
        description: `${run.scenario}: ${run.transport} CPU per event = ${formatNumber(cpuRatio(run), 2)}x the reference's (target <= ${targets.restCpuVsReference}x)`,
        passed: cpuRatio(run) <= targets.restCpuVsReference,
      })),
    ...runs
      .filter((run) => run.scenario === "500 sessions" && run.transport !== "plain express (reference)")
      .map((run): Check => ({
        kind: "target",
        description: `500 sessions: ${run.transport} p99 = ${formatNumber(run.p99Ms)} ms (target < ${targets.p99Milliseconds} ms)`,
        passed: run.p99Ms < targets.p99Milliseconds,
      })),
  ];
  return {
    table: {
      columns: ["scenario", "transport", "delivered", "events/s", "p50 ms", "p99 ms", "server CPU ms", "CPU µs/event", "CPU vs reference", "CPU µs/token"],
      rows,
      numericColumns: [3, 4, 5, 6, 7, 8, 9],
    },
    checks,
    notes: [
      `fan-out: ${fanOut.subscribers} subscribers on one session, ${fanOut.events} events published at ${fanOut.eventsPerSecond}/s inside the server.`,
      `500 sessions: one subscriber each; every session streams a ${manySessions.tokens}-token reply at ${manySessions.tokensPerSecond} tokens/s through the production delta coalescer (50 ms), starts spread over 1 s.`,
      "CodeLab runs as in production (Redis event bus: a durable log every event is appended to and read back from); the in-process rows run",
      "the same server without REDIS_URL (its embedded bus). The reference is a bare express SSE handler fed by an in-process emitter.",
      "Latency: publish time (in the event id) to arrival at the bench process. events/s: delivered events over the time from the first publish to the last arrival.",
      "server CPU: the server process's CPU time over the scenario, the simulated producer included (the same code in both servers). One pass per transport.",
    ],
  };
}

/** Live events through REST SSE and tRPC subscriptions against a plain express SSE endpoint. */
export const streamingSuite: Suite = {
  name: "streaming",
  summary: "live events: fan-out to 200 subscribers and 500 streaming sessions, REST SSE and tRPC against plain express SSE",
  async run(settings) {
    const database = await createTestDatabase();
    const servers: ServerProcess[] = [];
    try {
      const jwtSecret = randomBytes(32).toString("hex");
      const perTransport = await Promise.all([0, 1, 2, 3].map(() => seed(database.db, manySessions.sessions + 1)));
      const userIds = new Set(perTransport.map(({ userId }) => userId));
      const tokens = createTokenService({ secret: jwtSecret, accessTokenTtlSeconds: 3600, refreshTokenTtlSeconds: 3600, clock: systemClock });
      const tokenOf = new Map([...userIds].map((userId) => [userId, tokens.signAccessToken({ userId, tokenVersion: 0 }).token]));

      const options: BenchServerOptions = {
        databaseUrl: database.connectionString,
        redisUrl,
        redisKeyPrefix: `codelab-bench:${randomBytes(6).toString("hex")}:`,
        jwtSecret,
        // One user holds every stream of a scenario here.
        settings: { EVENT_STREAMS_PER_USER: String(manySessions.sessions * 2) },
      };
      // eslint-disable-next-line no-restricted-properties -- the bench launches servers; they inherit its environment
      const environment = { ...process.env, NODE_ENV: "production" };
      const start = async (name: string, file: string, serverOptions = options) => {
        const server = await startServerProcess({
          name,
          entry: serverEntry(file),
          options: serverOptions,
          environment,
          cpuProfileDirectory: settings.cpuProfileDirectory,
        });
        servers.push(server);
        return server;
      };
      // The same server without REDIS_URL: its in-process bus shows what the transport costs without the Redis log.
      const inProcessOptions = { ...options, settings: { ...options.settings, REDIS_URL: "" } };
      const [codelab, inProcess, plain] = await Promise.all([
        start("codelab-server", "codelab-streaming-server.ts"),
        start("codelab-server-in-process-bus", "codelab-streaming-server.ts", inProcessOptions),
        start("plain-sse", "plain-sse-server.ts"),
      ]);
      const bearer = (session: BenchSession | undefined) => ({ authorization: `Bearer ${tokenOf.get(session?.userId ?? "") ?? ""}` });
      const [referenceSessions, restSessions, trpcSessions, inProcessSessions] = perTransport.map(({ sessions }) => sessions) as [
        BenchSession[],
        BenchSession[],
        BenchSession[],
        BenchSession[],
      ];
      const restUrl = (server: ServerProcess) => ({ projectId, sessionId }: BenchSession) =>
        `${server.url}/my/projects/${projectId}/chat/${sessionId}/events/`;
      const transports: Array<{ transport: Transport; sessions: BenchSession[] }> = [
        {
          transport: { name: "plain express (reference)", server: plain, headers: {}, url: ({ sessionId }) => `${plain.url}/events/${sessionId}` },
          sessions: referenceSessions,
        },
        {
          transport: {
            name: "REST SSE",
            server: codelab,
            headers: bearer(restSessions[0]),
            url: restUrl(codelab),
          },
          sessions: restSessions,
        },
        {
          transport: {
            name: "tRPC subscription",
            server: codelab,
            headers: bearer(trpcSessions[0]),
            url: ({ projectId, sessionId }) => `${codelab.url}/trpc/chat.events?input=${encodeURIComponent(JSON.stringify({ projectId, sessionId }))}`,
          },
          sessions: trpcSessions,
        },
        {
          transport: { name: "REST SSE, in-process bus", server: inProcess, headers: bearer(inProcessSessions[0]), url: restUrl(inProcess) },
          sessions: inProcessSessions,
        },
      ];

      const runs: ScenarioRun[] = [];
      for (const { transport, sessions } of transports) {
        settings.signal.throwIfAborted();
        runs.push(await runFanOut(transport, sessions[0]!));
      }
      for (const { transport, sessions } of transports) {
        settings.signal.throwIfAborted();
        runs.push(await runManySessions(transport, sessions.slice(1)));
      }
      return report(runs);
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
      await database.drop();
    }
  },
};
