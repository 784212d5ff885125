import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startChatFixture, type ChatFixture, type ChatUser } from "../chat/chat-fixture.js";
import { rawRequest, type RestError } from "../testing/index.js";

// The whole path over HTTP: the real `openai` client against the scripted model, the real tools
// (code in the bubblewrap sandbox, charts into the project workspace), approvals over REST.
let fixture: ChatFixture;

beforeAll(async () => {
  fixture = await startChatFixture({ env: { APPROVAL_TIMEOUT_SECONDS: "60" } });
});
afterEach(() => fixture.llm.reset());
afterAll(() => fixture.close());

interface RestToolCall {
  id: string;
  tool: string;
  status: string;
  status_reason: string | null;
  arguments: unknown;
  approval_expires_at: string | null;
}

const toolCallsOf = async (user: ChatUser, sessionId: string) =>
  (await user.rest.get<{ tool_calls: RestToolCall[]; total: number }>(`/my/projects/${user.projectId}/chat/sessions/${sessionId}/tool-calls/`)).body.tool_calls;

async function waitingCall(user: ChatUser, sessionId: string): Promise<RestToolCall> {
  return vi.waitFor(
    async () => {
      const waiting = (await toolCallsOf(user, sessionId)).find((call) => call.status === "awaiting_approval");
      if (!waiting) throw new Error("no tool call waits for approval yet");
      return waiting;
    },
    { timeout: 10_000, interval: 50 },
  );
}

const runPython = { kind: "tool-calls" as const, calls: [{ name: "code_executor", arguments: { language: "python", code: "print(sum(range(10)))" } }] };

describe("agent tools over REST", () => {
  it("runs approved code in the sandbox and answers with what it printed", async () => {
    const user = await fixture.addUser();
    const sessionId = await user.createSession();
    fixture.llm.handle((request) => {
      const result = request.messages.findLast((message) => message.role === "tool");
      return result ? { kind: "text", text: `It printed ${result.content.trim()}` } : runPython;
    });

    const replying = user.send(sessionId, { content: "Sum 0..9 in Python", target_agent: "CodeAssistant" });
    const waiting = await waitingCall(user, sessionId);
    expect(waiting).toMatchObject({ tool: "code_executor", arguments: { language: "python", code: "print(sum(range(10)))" } });
    const approval = await user.rest.post(`/my/projects/${user.projectId}/tool-calls/${waiting.id}/approve/`, {});
    const reply = await replying;

    expect(approval).toMatchObject({ status: 200, body: { tool_call_id: waiting.id, status: "approved" } });
    expect(reply.status).toBe(200);
    expect(reply.body.content).toMatch(/It printed [\s\S]*45/);
    const [call] = await toolCallsOf(user, sessionId);
    expect(call).toMatchObject({ status: "completed", status_reason: null });
  });

  it("refuses a second decision with 409 and the current status, and a foreign user's with 404", async () => {
    const [user, stranger] = await Promise.all([fixture.addUser(), fixture.addUser()]);
    const sessionId = await user.createSession();
    fixture.llm.enqueue(runPython, { kind: "text", text: "Not run." });

    const replying = user.send(sessionId, { content: "Run it", target_agent: "CodeAssistant" });
    const waiting = await waitingCall(user, sessionId);
    const foreign = await stranger.rest.post<RestError>(`/my/projects/${user.projectId}/tool-calls/${waiting.id}/approve/`, {});
    const rejected = await user.rest.post(`/my/projects/${user.projectId}/tool-calls/${waiting.id}/reject/`, {});
    const late = await user.rest.post<RestError>(`/my/projects/${user.projectId}/tool-calls/${waiting.id}/approve/`, {});
    await replying;

    expect(foreign.status).toBe(404);
    expect(rejected.status).toBe(200);
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: "TOOL_CALL_STATE_CONFLICT", details: { status: "rejected" } });
  });

  it("draws a chart into the workspace and shows it with the answer", async () => {
    const user = await fixture.addUser();
    const sessionId = await user.createSession();
    const rows = [
      { month: "Jan", sales: 12 },
      { month: "Feb", sales: 19 },
    ];
    fixture.llm.enqueue(
      { kind: "tool-calls", calls: [{ name: "data_visualizer", arguments: { rows, chart: "bar", x: "month", y: "sales", name: "sales" } }] },
      { kind: "text", text: "Here is the chart." },
    );

    const reply = await user.send(sessionId, { content: "Chart my sales", target_agent: "DataAnalyst" });
    const chart = await rawRequest(fixture.server.url, {
      method: "GET",
      path: `/my/projects/${user.projectId}/files/charts/sales.svg`,
      headers: { authorization: `Bearer ${user.token}` },
    });

    expect(reply.body.metadata).toMatchObject({ attachments: [{ path: "charts/sales.svg", mediaType: "image/svg+xml" }] });
    expect(chart.status).toBe(200);
    expect(chart.body.toString("utf8")).toContain("<svg");
  });
});
