import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createRestClient,
  signUp,
  startTestServer,
  type RestAgent,
  type RestClient,
  type RestMessage,
  type RestProject,
  type RestSession,
  type TestServer,
} from "../testing/index.js";
import { messagePath, messagesPath, type RestReply } from "./chat-fixture.js";

// No OPENAI_API_KEY and no OPENAI_BASE_URL: the server answers with its built-in offline model.
let server: TestServer;
let rest: RestClient;
let userId: string;
let projectId: string;

beforeAll(async () => {
  server = await startTestServer();
  const user = await signUp(server.url);
  userId = user.userId;
  rest = createRestClient(server.url, user.token);
  projectId = (await rest.post<RestProject>("/my/projects/", { name: "Offline" })).body.id;
});
afterAll(() => server.close());

async function newSession() {
  return (await rest.post<RestSession>(`/my/projects/${projectId}/chat/sessions/`, { topic: "Offline" })).body.id;
}

describe("the offline model", () => {
  it("answers a direct call end to end with a reply labelled as offline, streamed and stored", async () => {
    const sessionId = await newSession();

    const reply = await rest.post<RestReply>(messagePath(projectId, sessionId), {
      content: "Write a function that reverses a string",
      target_agent: "CodeAssistant",
    });
    const history = await rest.get<{ messages: RestMessage[] }>(messagesPath(projectId, sessionId));
    const events = await server.deps.events.read({ userId, projectId, sessionId });

    expect(server.description.llm).toContain("offline");
    expect(reply.status).toBe(200);
    expect(reply.body.content.startsWith("[offline model]")).toBe(true);
    expect(reply.body).toMatchObject({ role: "assistant", agent_name: "CodeAssistant", cost: 0 });
    expect(reply.body.completion_tokens).toBeGreaterThan(0);
    expect(history.body.messages.map(({ role }) => role)).toEqual(["user", "assistant"]);
    expect(events.filter(({ type }) => type === "message-delta").length).toBeGreaterThan(1);
    const streamed = events.flatMap((event) => (event.type === "message-delta" ? [event.payload.text] : [])).join("");
    expect(streamed).toBe(reply.body.content);
  });

  it("recalls stored memories like any other model", async () => {
    const agents = await rest.get<{ agents: RestAgent[] }>(`/my/projects/${projectId}/agents/`);
    const analyst = agents.body.agents.find(({ name }) => name === "DataAnalyst")!;
    await rest.post(`/my/projects/${projectId}/agents/${analyst.id}/memories/`, { content: "Quarterly revenue is tracked in the finance sheet." });

    const reply = await rest.post<RestReply>(messagePath(projectId, await newSession()), {
      content: "Where is quarterly revenue tracked?",
      target_agent: "DataAnalyst",
    });

    expect(reply.status).toBe(200);
    expect(reply.body.content.startsWith("[offline model]")).toBe(true);
    expect(reply.body.metadata).toMatchObject({ memoriesUsed: 1, provider: "offline" });
  });
});
