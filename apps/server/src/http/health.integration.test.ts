import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRestClient, signUp, startTestServer, type TestServer } from "../testing/index.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

describe("GET /health", () => {
  it("answers 200 while the process lives", async () => {
    const response = await fetch(`${server.url}/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });
});

describe("GET /health/ready", () => {
  it("answers 200 when the database and Redis both answer", async () => {
    const response = await fetch(`${server.url}/health/ready`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready", checks: { database: "ok", redis: "ok" } });
  });

  it("answers 503 naming Redis when Redis cannot be reached", async () => {
    // Nothing listens on port 1: the configured Redis is down from the start.
    const degraded = await startTestServer({ env: { REDIS_URL: "redis://127.0.0.1:1" } });
    try {
      const response = await fetch(`${degraded.url}/health/ready`);

      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "unavailable", checks: { database: "ok", redis: "unavailable" } });
    } finally {
      await degraded.close();
    }
  });
});

describe("GET /metrics", () => {
  it("serves the Prometheus text format with the process defaults and project_creations_total", async () => {
    const response = await fetch(`${server.url}/metrics`);
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^# TYPE project_creations_total counter$/m);
  });

  it("labels nothing by user, however many users create projects", async () => {
    for (const user of await Promise.all([signUp(server.url), signUp(server.url)])) {
      expect((await createRestClient(server.url, user.token).post("/my/projects/", { name: "Counted" })).status).toBe(201);
    }

    const text = await (await fetch(`${server.url}/metrics`)).text();

    expect(text).toMatch(/^project_creations_total 2$/m);
    expect(text).not.toMatch(/user_?id/i);
  });
});
