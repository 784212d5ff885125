import { randomBytes, randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { Database } from "@codelab/db";
import { createTestDatabase } from "@codelab/db/testing";
import { createTokenService, systemClock } from "@codelab/core";
import type { BenchServerOptions } from "../lib/server-protocol.js";
import { startServerProcess, type ServerProcess } from "../lib/server-process.js";
import { openSubscribers, type Subscribers } from "../lib/sse-subscribers.js";
import { median, percentile } from "../lib/stats.js";
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
  round: string,
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
      `  ${round} ${scenario} ${transport.name}: ${delivered}/${run.expected} events, ${Math.round(run.eventsPerSecond)}/s, ` +
        `p99 ${run.p99Ms} ms, ${run.cpuMicrosecondsPerEvent.toFixed(1)} µs CPU/event`,
    );
    return run;
  } finally {
    subscribers.close();
    // Let the server release the streams before the next scenario opens its own.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

async function runFanOut(round: string, transport: Transport, session: BenchSession): Promise<ScenarioRun> {
  const request: StreamingRequest = { type: "fan-out", session, count: fanOut.events, eventsPerSecond: fanOut.eventsPerSecond };
  return measure(round, transport, "fan-out", Array.from({ length: fanOut.subscribers }, () => session), request, () => fanOut.events, undefined);
}

async function runManySessions(round: string, transport: Transport, sessions: BenchSession[]): Promise<ScenarioRun> {
  const request: StreamingRequest = { type: "replies", sessions, tokens: manySessions.tokens, tokensPerSecond: manySessions.tokensPerSecond };
  const expectedPer = (published: unknown, index: number) => (published as number[])[index] ?? 0;
  return measure(round, transport, "500 sessions", sessions, request, expectedPer, manySessions.sessions * manySessions.tokens);
}

const formatNumber = (value: number, digits = 0) => value.toFixed(digits);

/** One (scenario, transport) over every round: medians, and the CPU ratio to the reference taken within each round. */
interface Summary {
  scenario: ScenarioRun["scenario"];
  transport: TransportName;
  runs: ScenarioRun[];
  cpuRatios: number[];
  medianOf: (pick: (run: ScenarioRun) => number) => number;
  cpuRatio: number;
}

function summarize(rounds: ScenarioRun[][]): Summary[] {
  const first = rounds[0] ?? [];
  return first.map(({ scenario, transport }) => {
    const runs = rounds.map((round) => round.find((run) => run.scenario === scenario && run.transport === transport) as ScenarioRun);
    const cpuRatios = rounds.map((round, index) => {
      const reference = round.find((run) => run.scenario === scenario && run.transport === "plain express (reference)");
      return (runs[index] as ScenarioRun).cpuMicrosecondsPerEvent / (reference?.cpuMicrosecondsPerEvent ?? Number.NaN);
    });
    return { scenario, transport, runs, cpuRatios, medianOf: (pick) => median(runs.map(pick)), cpuRatio: median(cpuRatios) };
  });
}

function report(rounds: ScenarioRun[][]): SuiteReport {
  const summaries = summarize(rounds);
  const allRuns = rounds.flat();
  const rows = summaries.map(({ scenario, transport, runs, medianOf, cpuRatio }) => {
    const tokens = runs[0]?.cpuMicrosecondsPerToken;
    return [
      scenario,
      transport,
      `${runs.reduce((sum, run) => sum + run.delivered, 0)}/${runs.reduce((sum, run) => sum + run.expected, 0)}`,
      formatNumber(medianOf((run) => run.eventsPerSecond)),
      formatNumber(medianOf((run) => run.p50Ms)),
      formatNumber(medianOf((run) => run.p99Ms)),
      formatNumber(medianOf((run) => run.serverCpuMs)),
      formatNumber(medianOf((run) => run.cpuMicrosecondsPerEvent), 1),
      `${formatNumber(cpuRatio, 2)}x`,
      tokens === undefined ? "" : formatNumber(medianOf((run) => run.cpuMicrosecondsPerToken ?? Number.NaN), 1),
    ];
  });
  const checks: Check[] = [
    {
      kind: "correctness",
      description: "nothing lost, repeated or reordered: every subscriber received exactly its session's events, in order, in every round",
      passed: allRuns.every((run) => run.delivered === run.expected && run.outOfOrder === 0 && run.droppedStreams === 0),
    },
    ...summaries
      .filter((summary) => summary.transport.startsWith("REST SSE"))
      .map((summary): Check => ({
        kind: "target",
        description: `${summary.scenario}: ${summary.transport} CPU per event = ${formatNumber(summary.cpuRatio, 2)}x the reference's (median of the rounds' ratios; target <= ${targets.restCpuVsReference}x)`,
        passed: summary.cpuRatio <= targets.restCpuVsReference,
      })),
    ...summaries
      .filter((summary) => summary.scenario === "500 sessions" && summary.transport !== "plain express (reference)")
      .map((summary): Check => {
        const p99 = summary.medianOf((run) => run.p99Ms);
        return {
          kind: "target",
          description: `500 sessions: ${summary.transport} p99 = ${formatNumber(p99)} ms (median of the rounds; target < ${targets.p99Milliseconds} ms)`,
          passed: p99 < targets.p99Milliseconds,
        };
      }),
  ];
  const perRound = summaries.map(
    ({ scenario, transport, runs, cpuRatios }) =>
      `  ${scenario}, ${transport}: p99 ${runs.map((run) => formatNumber(run.p99Ms)).join(" / ")} ms; CPU vs reference ${cpuRatios.map((ratio) => formatNumber(ratio, 2)).join(" / ")}`,
  );
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
      "CodeLab runs as in production (Redis event bus: a durable log every event is appended to, delivered live to this instance's",
      "subscribers from the append's reply); the in-process rows run the same server without REDIS_URL (its embedded bus).",
      "The reference is a bare express SSE handler fed by an in-process emitter.",
      "Latency: publish time (in the event id) to arrival at the bench process. events/s: delivered events over the time from the first publish to the last arrival.",
      "server CPU: the server process's CPU time over the scenario, the simulated producer included (the same code in both servers).",
      `${rounds.length} interleaved round(s), each measuring every transport in turn (the order rotates); the table shows medians, delivered sums every round.`,
      "Per round:",
      ...perRound,
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

      const rounds: ScenarioRun[][] = [];
      for (let round = 0; round < settings.rounds; round++) {
        const label = `round ${round + 1}/${settings.rounds}`;
        // Rotating the order keeps a transport from always running right after the same one.
        const order = transports.map((_, index) => transports[(index + round) % transports.length]!);
        const runs: ScenarioRun[] = [];
        for (const { transport, sessions } of order) {
          settings.signal.throwIfAborted();
          runs.push(await runFanOut(label, transport, sessions[0]!));
        }
        for (const { transport, sessions } of order) {
          settings.signal.throwIfAborted();
          runs.push(await runManySessions(label, transport, sessions.slice(1)));
        }
        rounds.push(runs);
      }
      return report(rounds);
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
      await database.drop();
    }
  },
};
