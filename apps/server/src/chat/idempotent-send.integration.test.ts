import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RestError } from "../testing/index.js";
import { trpcFailureOf } from "../testing/index.js";
import { chatRequests, messagesPath, startChatFixture, type ChatFixture, type ChatUser } from "./chat-fixture.js";

let fixture: ChatFixture;
let alice: ChatUser;

beforeAll(async () => {
  fixture = await startChatFixture();
  alice = await fixture.addUser();
});
afterEach(() => fixture.llm.reset());
afterAll(() => fixture.close());

const body = { content: "Answer once", target_agent: "CodeAssistant" };

async function messageCount(sessionId: string) {
  return (await alice.rest.get<{ total: number }>(messagesPath(alice.projectId, sessionId))).body.total;
}

describe("an Idempotency-Key over REST", () => {
  it("makes a retried send return the first answer without asking the model again", async () => {
    const sessionId = await alice.createSession();
    const key = { "idempotency-key": randomUUID() };
    fixture.llm.enqueue({ kind: "text", text: "The only answer." }, { kind: "text", text: "A second answer." });

    const first = await alice.send(sessionId, body, key);
    const retried = await alice.send(sessionId, body, key);

    expect(first.status).toBe(200);
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(first.body);
    expect(retried.body.content).toBe("The only answer.");
    expect(chatRequests(fixture.llm)).toHaveLength(1);
    expect(await messageCount(sessionId)).toBe(2);
  });

  it("refuses the same key with a different body with 422 IDEMPOTENCY_KEY_REUSED", async () => {
    const sessionId = await alice.createSession();
    const key = { "idempotency-key": randomUUID() };
    await alice.send(sessionId, body, key);

    const otherContent = await alice.send(sessionId, { ...body, content: "Something else" }, key);
    const otherAgent = await alice.send(sessionId, { ...body, target_agent: "DataAnalyst" }, key);

    for (const response of [otherContent, otherAgent]) {
      expect(response.status).toBe(422);
      expect((response.body as unknown as RestError).error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    }
    expect(chatRequests(fixture.llm)).toHaveLength(1);
    expect(await messageCount(sessionId)).toBe(2);
  });

  it("answers a retry that arrives while the first send is still running with 409 REQUEST_IN_PROGRESS", async () => {
    const sessionId = await alice.createSession();
    const key = { "idempotency-key": randomUUID() };
    fixture.llm.enqueue({ kind: "text", text: "Slow answer.", delayBeforeFirstByteMs: 300 });

    const first = alice.send(sessionId, body, key);
    await expect.poll(() => fixture.llm.inFlight).toBe(1);
    const concurrent = await alice.send(sessionId, body, key);

    expect(concurrent.status).toBe(409);
    expect((concurrent.body as unknown as RestError).error.code).toBe("REQUEST_IN_PROGRESS");
    expect((await first).status).toBe(200);
    expect(chatRequests(fixture.llm)).toHaveLength(1);
  });

  it("lets a send that failed be retried with the same key", async () => {
    const sessionId = await alice.createSession();
    const key = { "idempotency-key": randomUUID() };
    fixture.llm.enqueue({ kind: "error", status: 400 }, { kind: "text", text: "Answered on retry." });

    const failed = await alice.send(sessionId, body, key);
    const retried = await alice.send(sessionId, body, key);

    expect(failed.status).toBe(502);
    expect(retried.status).toBe(200);
    expect(retried.body.content).toBe("Answered on retry.");
    expect(chatRequests(fixture.llm)).toHaveLength(2);
  });

  it("refuses a blank or over-long key with 400 before asking the model", async () => {
    const sessionId = await alice.createSession();

    const responses = await Promise.all(["  ", "k".repeat(256)].map((key) => alice.send(sessionId, body, { "idempotency-key": key })));

    for (const response of responses) {
      expect(response.status).toBe(400);
      expect((response.body as unknown as RestError).error.details.fields?.map(({ field }) => field)).toEqual(["idempotency_key"]);
    }
    expect(chatRequests(fixture.llm)).toHaveLength(0);
  });

  it("keeps sends without a key independent", async () => {
    const sessionId = await alice.createSession();

    await alice.send(sessionId, body);
    await alice.send(sessionId, body);

    expect(chatRequests(fixture.llm)).toHaveLength(2);
    expect(await messageCount(sessionId)).toBe(4);
  });
});

describe("an idempotencyKey over tRPC", () => {
  it("replays the first answer and refuses the key for a different message", async () => {
    const sessionId = await alice.createSession();
    const input = { projectId: alice.projectId, sessionId, content: "Answer once", targetAgent: "CodeAssistant", idempotencyKey: randomUUID() };

    const first = await alice.trpc.chat.send.mutate(input);
    const retried = await alice.trpc.chat.send.mutate(input);
    const reused = await trpcFailureOf(alice.trpc.chat.send.mutate({ ...input, content: "Something else" }));

    expect(retried.id).toBe(first.id);
    expect(chatRequests(fixture.llm)).toHaveLength(1);
    expect(reused).toMatchObject({ httpStatus: 422, appCode: "IDEMPOTENCY_KEY_REUSED" });
  });
});
