import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCodelabClient } from "@codelab/sdk";
import { createLogger } from "../logging/logger.js";
import { signUp, startTestServer, type TestServer } from "../testing/index.js";
import { createTrpcQueryHandler } from "./trpc-query-handler.js";

/** What the handler passes on shows up as this status, so a test can tell who answered. */
const passedOn = 599;

let server: TestServer;
let handlerOnly: Server;
let handlerOnlyUrl: string;
let token: string;
let projectId: string;

beforeAll(async () => {
  server = await startTestServer();
  const user = await signUp(server.url);
  token = user.token;
  const client = createCodelabClient({ url: server.url, token });
  projectId = (await client.projects.create.mutate({ name: "Listed" })).id;
  await client.projects.create.mutate({ name: "Also listed" });

  // The query handler alone over the same dependencies, with nothing behind it.
  const app = express();
  app.use("/trpc", createTrpcQueryHandler(server.deps, { logger: createLogger("silent"), secureCookies: false }));
  app.use("/trpc", (_request, response) => void response.status(passedOn).end());
  handlerOnly = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => handlerOnly.once("listening", resolve));
  handlerOnlyUrl = `http://127.0.0.1:${(handlerOnly.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => handlerOnly.close(resolve));
  await server.close();
});

interface Answer {
  status: number;
  body: unknown;
  headers: { contentType: string | null; vary: string | null; retryAfter: string | null };
}

async function get(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${baseUrl}/trpc/${path}`, { headers });
  const text = await response.text();
  return {
    status: response.status,
    body: text === "" ? undefined : (JSON.parse(text) as unknown),
    headers: { contentType: response.headers.get("content-type"), vary: response.headers.get("vary"), retryAfter: response.headers.get("retry-after") },
  };
}

const input = (value: unknown) => `input=${encodeURIComponent(JSON.stringify(value))}`;
const bearer = () => ({ authorization: `Bearer ${token}` });

describe("the tRPC query handler", () => {
  // tRPC's own handler answers a request naming any `trpc-accept` itself; a non-streaming one exactly as without.
  const byTrpc = { "trpc-accept": "application/json" };

  const cases: Array<[label: string, path: () => string, headers: () => Record<string, string>]> = [
    ["a query with input", () => `projects.list?${input({ limit: 1 })}`, bearer],
    ["a query without input", () => "projects.list", bearer],
    ["a query of a procedure that takes none", () => "auth.me", bearer],
    ["a batch of queries", () => `projects.list,projects.get?batch=1&${input({ 0: {}, 1: { projectId } })}`, bearer],
    ["a batch with a missing project (mixed statuses)", () => `projects.get,projects.get?batch=1&${input({ 0: { projectId }, 1: { projectId: randomUUID() } })}`, bearer],
    ["a batch whose calls all fail alike", () => `projects.get,projects.get?batch=1&${input({ 0: { projectId: randomUUID() }, 1: { projectId: randomUUID() } })}`, bearer],
    ["a batch without inputs", () => "projects.list,auth.me?batch=1", bearer],
    ["a query without a token", () => `projects.list?${input({ limit: 1 })}`, () => ({})],
    ["a query with a malformed token", () => "projects.list", () => ({ authorization: "Bearer not-a-token" })],
    ["a query with invalid input", () => `projects.list?${input({ limit: 101, owner: "someone" })}`, bearer],
    ["a query with input that cannot be stored", () => `projects.get?${input({ projectId: "\u0000" })}`, bearer],
    ["a query with an unused JSON content type", () => "projects.list", () => ({ ...bearer(), "content-type": "application/json" })],
  ];

  it.each(cases)("answers %s itself, exactly as tRPC's handler does", async (_label, path, headers) => {
    const ours = await get(handlerOnlyUrl, path(), headers());
    const theirs = await get(server.url, path(), { ...headers(), ...byTrpc });

    expect(ours.status).not.toBe(passedOn);
    expect(ours).toEqual(theirs);
  });

  it("answers from the real server the same way", async () => {
    const viaServer = await get(server.url, `projects.list?${input({ limit: 2 })}`, bearer());

    expect(viaServer.status).toBe(200);
    expect(viaServer.body).toMatchObject({ result: { data: { total: 2 } } });
  });

  const passed: Array<[label: string, path: () => string, headers: () => Record<string, string>]> = [
    ["a mutation sent as GET", () => `projects.create?${input({ name: "x" })}`, bearer],
    ["an unknown procedure", () => "projects.nothing", bearer],
    ["an inherited property name", () => "constructor", bearer],
    ["a subscription", () => `chat.events?${input({ projectId, sessionId: randomUUID() })}`, bearer],
    ["unreadable input", () => "projects.list?input=%7Bnot-json", bearer],
    ["a batch over the limit", () => `${Array.from({ length: 11 }, () => "auth.me").join(",")}?batch=1`, bearer],
    ["a batch whose input is not an object", () => `auth.me?batch=1&${input([1])}`, bearer],
    ["a streamed batch", () => "auth.me?batch=1", () => ({ ...bearer(), "trpc-accept": "application/jsonl" })],
    ["a request accepting JSON lines", () => "auth.me?batch=1", () => ({ ...bearer(), accept: "text/plain, application/jsonl" })],
    ["a form-data request", () => "auth.me", () => ({ ...bearer(), "content-type": "multipart/form-data; boundary=x" })],
    ["connection parameters", () => `auth.me?connectionParams=${encodeURIComponent("{}")}`, bearer],
    ["a broken path escape", () => "auth.%E0%A4%A", bearer],
  ];

  it.each(passed)("passes %s on to tRPC's handler", async (_label, path, headers) => {
    expect((await get(handlerOnlyUrl, path(), headers())).status).toBe(passedOn);
  });

  it("passes on every method but GET", async () => {
    const response = await fetch(`${handlerOnlyUrl}/trpc/auth.me`, { method: "POST", headers: { ...bearer(), "content-type": "application/json" }, body: "{}" });

    expect(response.status).toBe(passedOn);
  });
});
