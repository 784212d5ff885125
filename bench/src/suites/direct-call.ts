import { randomBytes, randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createTokenService, systemClock } from "@codelab/core";
import { seedUser } from "@codelab/core/testing";
import type { Database } from "@codelab/db";
import { createTestDatabase } from "@codelab/db/testing";
import { startLlmTestServer, type LlmTestServer, type RecordedRequest } from "@codelab/llm-test-server";
import { startServerProcess, type ServerProcess } from "../lib/server-process.js";
import type { BenchSettings } from "../lib/settings.js";
import { percentile } from "../lib/stats.js";
import type { Check, Suite, SuiteReport } from "../lib/suite.js";

// What a direct call costs beyond the model: each call's end-to-end time at the client minus the
// time the OpenAI-compatible test server spent on its upstream request (body read to answer
// written), with a model that answers at once.
const callsPerMode = 1_000;
const warmupCalls = 50;
const overheadTargetMs = 10;
const redisUrl = "redis://127.0.0.1:6379";
const reply = "Sure: here is a short answer, streamed word by word like a real model would.";
const replyUsage = { promptTokens: 60, completionTokens: 15 };

const serverEntry = fileURLToPath(new URL("../servers/codelab-server.ts", import.meta.url));
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Target {
  url: string;
  token: string;
  projectId: string;
  /** One new session per call, so every prompt has the same size (no growing history). */
  sessionIds: string[];
}

interface CallResult {
  tag: string;
  status: number;
  content: unknown;
  endToEndMs: number;
}

interface TimedCall extends CallResult {
  upstreamMs: number;
  overheadMs: number;
}

interface ModeResult {
  mode: string;
  concurrency: number;
  calls: TimedCall[];
  /** Calls that failed, were not answered with the scripted reply, or did not reach the model exactly once. */
  failures: string[];
  wallSeconds: number;
  serverCpuMsPerCall: number;
}

async function directCall(target: Target, sessionId: string, tag: string): Promise<CallResult> {
  const started = performance.now();
  const response = await fetch(`${target.url}/my/projects/${target.projectId}/chat/${sessionId}/message/`, {
    method: "POST",
    headers: { authorization: `Bearer ${target.token}`, "content-type": "application/json" },
    body: JSON.stringify({ content: `${tag}: answer in one sentence`, target_agent: "CodeAssistant" }),
  });
  const body = (await response.json()) as { content?: unknown };
  return { tag, status: response.status, content: body.content, endToEndMs: performance.now() - started };
}

/** `count` calls, at most `concurrency` at once, each in its own session; results in call order. */
async function runCalls(target: Target, firstSession: number, count: number, concurrency: number, signal: AbortSignal): Promise<CallResult[]> {
  const results: CallResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      signal.throwIfAborted();
      const index = next++;
      results[index] = await directCall(target, target.sessionIds[firstSession + index]!, `call-${firstSession + index}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** The call tag in the last user message of an upstream chat request. */
function tagOf(request: RecordedRequest): string | undefined {
  const messages = Array.isArray(request.body.messages) ? (request.body.messages as Array<{ role?: unknown; content?: unknown }>) : [];
  const content = messages.findLast((message) => message.role === "user")?.content;
  return typeof content === "string" ? /^(call-\d+):/.exec(content)?.[1] : undefined;
}

/** Pairs every call with the one upstream request it caused, as the test server timed it. */
function pairWithUpstream(results: CallResult[], llm: LlmTestServer): { calls: TimedCall[]; failures: string[] } {
  const upstream = new Map<string, RecordedRequest[]>();
  for (const request of llm.requests) {
    const tag = request.path === "/v1/chat/completions" ? tagOf(request) : undefined;
    if (tag) upstream.set(tag, [...(upstream.get(tag) ?? []), request]);
  }
  const calls: TimedCall[] = [];
  const failures: string[] = [];
  for (const result of results) {
    const requests = upstream.get(result.tag) ?? [];
    const respondedAt = requests[0]?.respondedAt;
    if (result.status !== 200 || result.content !== reply || requests.length !== 1 || respondedAt === undefined) {
      failures.push(`${result.tag}: HTTP ${result.status}, ${requests.length} upstream request(s)`);
      continue;
    }
    const upstreamMs = respondedAt - requests[0]!.receivedAt;
    calls.push({ ...result, upstreamMs, overheadMs: result.endToEndMs - upstreamMs });
  }
  return { calls, failures };
}

async function measureMode(
  { target, llm, server, signal }: { target: Target; llm: LlmTestServer; server: ServerProcess; signal: AbortSignal },
  { mode, firstSession, concurrency }: { mode: string; firstSession: number; concurrency: number },
): Promise<ModeResult> {
  log(`  ${callsPerMode.toLocaleString("en")} direct calls, ${mode}`);
  llm.reset();
  llm.handle(() => ({ kind: "text", text: reply, usage: replyUsage }));
  const cpuBefore = await server.cpuTimeMicroseconds();
  const started = performance.now();
  const results = await runCalls(target, firstSession, callsPerMode, concurrency, signal);
  const wallSeconds = (performance.now() - started) / 1000;
  const serverCpuMsPerCall = ((await server.cpuTimeMicroseconds()) - cpuBefore) / 1000 / callsPerMode;
  return { mode, concurrency, wallSeconds, serverCpuMsPerCall, ...pairWithUpstream(results, llm) };
}

const format = (value: number, digits = 1) => value.toFixed(digits);
const milliseconds = (calls: TimedCall[], pick: (call: TimedCall) => number, fraction: number) =>
  calls.length === 0 ? Number.NaN : percentile(calls.map(pick), fraction);

function report(modes: ModeResult[], settings: BenchSettings): SuiteReport {
  const rows = modes.map(({ mode, calls, failures, wallSeconds, serverCpuMsPerCall }) => [
    mode,
    String(calls.length + failures.length),
    String(failures.length),
    format((calls.length + failures.length) / wallSeconds, 0),
    format(milliseconds(calls, (call) => call.endToEndMs, 0.5), 2),
    format(milliseconds(calls, (call) => call.endToEndMs, 0.99), 2),
    format(milliseconds(calls, (call) => call.upstreamMs, 0.5), 2),
    format(milliseconds(calls, (call) => call.upstreamMs, 0.99), 2),
    format(milliseconds(calls, (call) => call.overheadMs, 0.5), 2),
    format(milliseconds(calls, (call) => call.overheadMs, 0.99), 2),
    format(serverCpuMsPerCall, 2),
  ]);
  const sequential = modes.find(({ concurrency }) => concurrency === 1);
  const sequentialP50 = sequential ? milliseconds(sequential.calls, (call) => call.overheadMs, 0.5) : Number.NaN;
  const failures = modes.flatMap((mode) => mode.failures);
  const checks: Check[] = [
    {
      kind: "correctness",
      description: `every call answered 200 with the model's reply after exactly one upstream request${failures.length ? ` (first failure: ${failures[0]})` : ""}`,
      passed: failures.length === 0,
    },
    {
      kind: "target",
      description: `sequential overhead p50 = ${format(sequentialP50, 2)} ms (target < ${overheadTargetMs} ms)`,
      passed: sequentialP50 < overheadTargetMs,
    },
  ];
  return {
    table: {
      columns: ["mode", "calls", "failed", "calls/s", "e2e p50 ms", "e2e p99 ms", "upstream p50 ms", "upstream p99 ms", "overhead p50 ms", "overhead p99 ms", "server CPU ms/call"],
      rows,
      numericColumns: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    },
    checks,
    notes: [
      `POST /my/projects/{p}/chat/{s}/message/ to CodeAssistant, each call in a new session, after ${warmupCalls} warm-up calls; real PostgreSQL, Redis event bus, local embedder, default memory store.`,
      "e2e: the bench client's time per call. upstream: the OpenAI-compatible test server's time for the call's request (body read to stream written), zero model delay.",
      "overhead = e2e - upstream per call: auth, validation, memory recall and write-back, prompt building, the openai client, streaming, events, storing both messages.",
      `With ${settings.connections} calls at once the server's one core is the queue: overhead there is mostly waiting (about concurrency x CPU per call); the target applies to the sequential run.`,
      "The test server and the load run in the bench process, the CodeLab server in its own.",
    ],
  };
}

/** A user with a project (starter agents included), a token, and one session for every call of the run. */
async function createTarget({ url, db, jwtSecret, sessions }: { url: string; db: Database; jwtSecret: string; sessions: number }): Promise<Target> {
  const { user, project } = await seedUser(db);
  const tokens = createTokenService({ secret: jwtSecret, accessTokenTtlSeconds: 3600, refreshTokenTtlSeconds: 3600, clock: systemClock });
  const sessionIds = Array.from({ length: sessions }, () => randomUUID());
  await db.chatSession.createMany({ data: sessionIds.map((id) => ({ id, userId: user.id, projectId: project.id, topic: "Bench" })) });
  return { url, token: tokens.signAccessToken({ userId: user.id, tokenVersion: 0 }).token, projectId: project.id, sessionIds };
}

/** Direct calls through REST against a zero-delay model: what CodeLab adds to the model's own time. */
export const directCallSuite: Suite = {
  name: "direct-call",
  summary: `direct-mode chat over REST against a zero-delay model: overhead beyond the model, ${callsPerMode.toLocaleString("en")} sequential and concurrent calls`,
  async run(settings) {
    const [llm, database] = await Promise.all([startLlmTestServer(), createTestDatabase()]);
    let server: ServerProcess | undefined;
    try {
      const jwtSecret = randomBytes(32).toString("hex");
      server = await startServerProcess({
        name: "codelab-server",
        entry: serverEntry,
        options: {
          databaseUrl: database.connectionString,
          redisUrl,
          redisKeyPrefix: `codelab-bench:${randomBytes(6).toString("hex")}:`,
          jwtSecret,
          settings: { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: "bench-key", OPENAI_MODEL: "bench-model" },
        },
        // eslint-disable-next-line no-restricted-properties -- the bench launches servers; they inherit its environment
        environment: { ...process.env, NODE_ENV: "production" },
        cpuProfileDirectory: settings.cpuProfileDirectory,
      });
      const target = await createTarget({ url: server.url, db: database.db, jwtSecret, sessions: warmupCalls + 2 * callsPerMode });
      const context = { target, llm, server, signal: settings.signal };

      log(`  ${warmupCalls} warm-up calls`);
      llm.handle(() => ({ kind: "text", text: reply, usage: replyUsage }));
      await runCalls(target, 0, warmupCalls, 1, settings.signal);
      const sequential = await measureMode(context, { mode: "sequential", firstSession: warmupCalls, concurrency: 1 });
      const concurrent = await measureMode(context, {
        mode: `${settings.connections} concurrent`,
        firstSession: warmupCalls + callsPerMode,
        concurrency: settings.connections,
      });
      return report([sequential, concurrent], settings);
    } finally {
      await server?.stop();
      await database.drop();
      await llm.close();
    }
  },
};
