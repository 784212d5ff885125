import { lastUserMessage } from "@codelab/llm-test-server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { StoredEvent } from "../../events/event-bus.js";
import { createBubblewrapSandbox } from "../../sandbox/bubblewrap-sandbox.js";
import { decideToolCall } from "../../tools/approval/decide-tool-call.js";
import { createStandardTools } from "../../tools/standard-tools.js";
import type { PlanExecutor } from "../plan-executor.js";
import { startExecutionFixture, synthesisModel, synthesisReply, type ExecutionFixture } from "./execution-test-fixture.js";

// A plan task whose agent runs code: the real code_executor in the real bubblewrap sandbox.
let fixture: ExecutionFixture;
let executor: PlanExecutor;

beforeAll(async () => {
  fixture = await startExecutionFixture({ tools: { tools: createStandardTools({ sandbox: createBubblewrapSandbox() }) } });
  executor = fixture.createExecutor();
});
afterEach(() => fixture.llm.reset());
afterAll(() => fixture.close());

/** The task asks for code once, then answers with what the code printed. */
function scriptCodeRun() {
  fixture.llm.handle((request) => {
    if (request.model === synthesisModel) return { kind: "text", text: synthesisReply };
    const result = request.messages.findLast((message) => message.role === "tool");
    if (result) return { kind: "text", text: `The code said: ${result.content}` };
    expect(lastUserMessage(request)).toMatch(/^Task a:/);
    return { kind: "tool-calls", calls: [{ name: "code_executor", arguments: { language: "python", code: "print(6 * 7)" } }] };
  });
}

async function sessionEvents(until: (event: StoredEvent) => boolean, act: (seen: StoredEvent[]) => Promise<void>) {
  const { tenant } = fixture;
  const controller = new AbortController();
  const subscription = await fixture.events.subscribe(
    { userId: tenant.user.id, projectId: tenant.project.id, sessionId: tenant.session.id },
    { signal: controller.signal },
  );
  const seen: StoredEvent[] = [];
  const collected = (async () => {
    for await (const event of subscription) {
      seen.push(event);
      if (until(event)) controller.abort();
    }
  })();
  await act(seen);
  await collected;
  return seen;
}

describe("dangerous tools inside a plan", () => {
  it("run without a second question when the user approved the plan", async () => {
    scriptCodeRun();
    const planId = await fixture.insertPlan([{ taskId: "a" }]);
    await fixture.deps.db.taskPlan.update({ where: { id: planId }, data: { requiresApproval: true, approvalReason: "code_executor runs code" } });

    const seen = await sessionEvents(
      (event) => event.type === "plan-end",
      async () => {
        executor.start({ planId, userId: fixture.tenant.user.id });
        expect((await fixture.waitForEnd(planId)).status).toBe("completed");
      },
    );

    expect(seen.map((event) => event.type)).not.toContain("tool-approval-request");
    const task = await fixture.deps.db.taskPlanTask.findFirstOrThrow({ where: { planId, taskId: "a" }, select: { result: true } });
    expect(task.result).toMatchObject({ output: expect.stringMatching(/The code said: [\s\S]*42/) });
    const toolMessage = await fixture.deps.db.message.findFirstOrThrow({ where: { planId, role: "tool" } });
    expect(toolMessage.metadata).toMatchObject({ toolName: "code_executor", status: "completed", taskId: "a" });
  });

  it("ask for the call itself when the plan ran without the user's approval", async () => {
    scriptCodeRun();
    const { tenant } = fixture;
    const planId = await fixture.insertPlan([{ taskId: "a" }]);

    const seen = await sessionEvents(
      (event) => event.type === "plan-end",
      async (events) => {
        executor.start({ planId, userId: tenant.user.id });
        const asked = await vi.waitFor(
          () => {
            const request = events.find((event): event is StoredEvent<"tool-approval-request"> => event.type === "tool-approval-request");
            if (!request) throw new Error("no approval asked for yet");
            return request;
          },
          { timeout: 10_000 },
        );
        expect(asked.payload).toMatchObject({ planId, taskId: "a", toolName: "code_executor" });
        await decideToolCall(fixture.deps, { userId: tenant.user.id, projectId: tenant.project.id, toolCallId: asked.payload.toolCallId, decision: "approved" });
        expect((await fixture.waitForEnd(planId)).status).toBe("completed");
      },
    );

    expect(seen.filter((event) => event.type.startsWith("tool-")).map((event) => event.type)).toEqual([
      "tool-start",
      "tool-approval-request",
      "tool-approval-end",
      "tool-end",
    ]);
  });
});
