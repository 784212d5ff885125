import { randomBytes, randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { Database } from "@codelab/db";
import { createTestDatabase } from "@codelab/db/testing";
import { createTokenService, systemClock } from "@codelab/core";
import { measureTargets, medianRatio, summarize, type ServedTarget, type TargetMeasurement } from "../lib/measure-targets.js";
import type { BenchServerOptions } from "../lib/server-protocol.js";
import { startServerProcess, type ServerProcess } from "../lib/server-process.js";
import type { BenchSettings } from "../lib/settings.js";
import type { Check, Suite, SuiteReport } from "../lib/suite.js";

const projectCount = 20;
const redisUrl = "redis://127.0.0.1:6379";
// The targets: req/s as a fraction of the plain express handler's.
const ratioTargets = { trpc: 0.6, rest: 0.9 } as const;

const serverEntry = (file: string) => fileURLToPath(new URL(`../servers/${file}`, import.meta.url));

async function seedUserWithProjects(db: Database): Promise<string> {
  const userId = randomUUID();
  await db.user.create({ data: { id: userId, email: `bench-${userId}@example.test`, username: "bench" } });
  const start = Date.now() - projectCount * 1000;
  await db.userProject.createMany({
    data: Array.from({ length: projectCount }, (_, index) => ({
      userId,
      name: `Bench project ${index + 1}`,
      workspacePath: index % 2 === 0 ? `/workspaces/project-${index + 1}` : null,
      createdAt: new Date(start + index * 1000),
    })),
  });
  return userId;
}

interface ListTarget extends ServedTarget {
  /** Where this endpoint puts the project array in its JSON body. */
  projectsIn(body: unknown): unknown;
}

const field = (value: unknown, key: string): unknown =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;

function listTargets(codelab: ServerProcess, plain: ServerProcess, token: string): ListTarget[] {
  const headers = { authorization: `Bearer ${token}` };
  const trpcInput = encodeURIComponent(JSON.stringify({ limit: projectCount, offset: 0 }));
  return [
    {
      name: "tRPC",
      url: `${codelab.url}/trpc/projects.list?input=${trpcInput}`,
      headers,
      server: codelab,
      projectsIn: (body) => field(field(field(body, "result"), "data"), "projects"),
    },
    {
      name: "REST",
      url: `${codelab.url}/my/projects/?limit=${projectCount}`,
      headers,
      server: codelab,
      projectsIn: (body) => field(body, "projects"),
    },
    {
      name: "plain express",
      url: `${plain.url}/projects?limit=${projectCount}`,
      headers,
      server: plain,
      projectsIn: (body) => field(body, "projects"),
    },
  ];
}

const idsOf = (projects: unknown[]) => projects.map((project) => field(project, "id"));

/** Load numbers are worthless if an endpoint answers something else: each must list the same projects, in the same order. */
async function verifyTargets(targets: readonly ListTarget[]): Promise<void> {
  let expectedIds: string | undefined;
  for (const target of targets) {
    const response = await fetch(target.url, { headers: target.headers });
    const projects = target.projectsIn(await response.json());
    if (response.status !== 200 || !Array.isArray(projects) || projects.length !== projectCount) {
      throw new Error(`${target.name} answered ${response.status} without the ${projectCount} projects (${target.url})`);
    }
    const ids = JSON.stringify(idsOf(projects));
    expectedIds ??= ids;
    if (ids !== expectedIds) throw new Error(`${target.name} listed other projects than ${targets[0]?.name ?? "the first target"}`);
  }
}

const formatNumber = (value: number, digits = 0) => value.toFixed(digits);
const formatRatio = (ratio: number) => `${formatNumber(ratio, 2)}x`;

function report(measurements: TargetMeasurement[], settings: BenchSettings): SuiteReport {
  const [trpc, rest, plain] = measurements;
  if (!trpc || !rest || !plain) throw new Error("project-list measures exactly three targets");
  const goals = new Map([
    [trpc, ratioTargets.trpc],
    [rest, ratioTargets.rest],
  ]);
  const plainCpu = summarize(plain).serverCpuMicrosecondsPerRequest;
  const rows = measurements.map((measurement) => {
    const goal = goals.get(measurement);
    return { measurement, summary: summarize(measurement), goal, ratio: goal === undefined ? 1 : medianRatio(measurement, plain) };
  });
  const cells = rows.map(({ measurement, summary, ratio, goal }) => [
    measurement.target.name,
    formatNumber(summary.requestsPerSecond),
    measurement.runs.map((run) => formatNumber(run.requestsPerSecond)).join(" / "),
    formatNumber(summary.latencyP50Ms, 1),
    formatNumber(summary.latencyP99Ms, 1),
    String(summary.errors),
    String(summary.non2xx),
    formatRatio(ratio),
    goal === undefined ? "baseline" : `>= ${formatRatio(goal)}`,
    formatNumber(summary.serverCpuMicrosecondsPerRequest),
    formatRatio(plainCpu / summary.serverCpuMicrosecondsPerRequest),
  ]);
  const failures = rows.reduce((sum, { summary }) => sum + summary.errors + summary.non2xx, 0);
  const checks: Check[] = [
    { kind: "correctness", description: "no connection errors or non-2xx responses", passed: failures === 0 },
    ...rows.flatMap(({ measurement, ratio, goal }): Check[] =>
      goal === undefined
        ? []
        : [{ kind: "target", description: `${measurement.target.name} / plain express = ${formatRatio(ratio)} (target >= ${formatRatio(goal)})`, passed: ratio >= goal }],
    ),
  ];
  return {
    table: {
      columns: ["target", "req/s", "req/s per round", "p50 ms", "p99 ms", "errors", "non-2xx", "vs plain", "target", "server CPU µs/req", "CPU vs plain"],
      rows: cells,
      numericColumns: [1, 3, 4, 5, 6, 7, 9, 10],
    },
    checks,
    notes: [
      `${projectCount} projects, real PostgreSQL, ${settings.connections} connections, ${settings.rounds} interleaved rounds of ${settings.durationSeconds} s after ${settings.warmupSeconds} s warm-ups.`,
      "req/s, p50, p99, server CPU: medians of the rounds; vs plain: median of the per-round req/s ratios; errors, non-2xx: totals.",
      "server CPU µs/req: the server process's own CPU time per request, less swayed by the machine's other load than req/s;",
      "CPU vs plain (plain's CPU per request / this one's) is the req/s ratio to expect where the server's core is the only bottleneck.",
    ],
  };
}

/** An authenticated project list through tRPC, the REST adapter and a plain express handler. */
export const projectListSuite: Suite = {
  name: "project-list",
  summary: `authenticated project list (${projectCount} projects): tRPC and REST against plain express`,
  async run(settings) {
    const database = await createTestDatabase();
    const servers: ServerProcess[] = [];
    try {
      const userId = await seedUserWithProjects(database.db);
      const jwtSecret = randomBytes(32).toString("hex");
      const tokens = createTokenService({ secret: jwtSecret, accessTokenTtlSeconds: 3600, refreshTokenTtlSeconds: 3600, clock: systemClock });
      const { token } = tokens.signAccessToken({ userId, tokenVersion: 0 });

      const options: BenchServerOptions = {
        databaseUrl: database.connectionString,
        redisUrl,
        redisKeyPrefix: `codelab-bench:${randomBytes(6).toString("hex")}:`,
        jwtSecret,
      };
      // eslint-disable-next-line no-restricted-properties -- the bench launches servers; they inherit its environment
      const environment = { ...process.env, NODE_ENV: "production" };
      const start = (name: string, file: string) =>
        startServerProcess({ name, entry: serverEntry(file), options, environment, cpuProfileDirectory: settings.cpuProfileDirectory }).then(
          (server) => {
            servers.push(server);
            return server;
          },
        );
      const [codelab, plain] = await Promise.all([start("codelab-server", "codelab-server.ts"), start("plain-express", "plain-express.ts")]);

      const loadTargets = listTargets(codelab, plain, token);
      await verifyTargets(loadTargets);
      return report(await measureTargets(loadTargets, settings), settings);
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
      await database.drop();
    }
  },
};
