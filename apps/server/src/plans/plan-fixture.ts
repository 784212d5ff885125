import type { ChatCompletionRequest, ChatReply } from "@codelab/llm-test-server";
import { messagePath, startChatFixture, type ChatFixture, type ChatUser } from "../chat/chat-fixture.js";
import type { RestResponse } from "../testing/index.js";

/** The documented snake_case JSON of a plan (`GET .../plans/{plan_id}/`, and a send without `target_agent`). */
export interface RestPlan {
  kind?: "plan";
  id: string;
  project_id: string;
  session_id: string | null;
  request: string;
  status: string;
  version: number;
  cached: boolean;
  requires_approval: boolean;
  approval_reason: string | null;
  approval_expires_at: string | null;
  end_reason: string | null;
  estimate: { cost_usd: number | null; duration_milliseconds: number | null };
  actual: { prompt_tokens: number | null; completion_tokens: number | null; cost_usd: number | null; duration_milliseconds: number | null };
  final_message_id: string | null;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  tasks: Array<{
    task_id: string;
    description: string;
    agent_id: string | null;
    agent_name: string;
    dependencies: string[];
    expected_output: string | null;
    risk_level: string | null;
    status: string;
    estimate: { input_tokens: number | null; output_tokens: number | null; cost_usd: number | null; duration_milliseconds: number | null };
  }>;
}

export type PlannedTaskSpec = [taskId: string, agent: string, dependencies?: string[]];

/** A planner answer in the documented JSON format. */
export function planJson(...tasks: PlannedTaskSpec[]): string {
  return JSON.stringify({
    tasks: tasks.map(([task_id, agent, dependencies = []]) => ({ task_id, description: `Work on ${task_id}`, agent, dependencies, expected_output: "A result" })),
  });
}

/** Planning calls are the ones that ask for the `task_plan` JSON schema. */
export function isPlanningRequest(request: { body: Record<string, unknown> }): boolean {
  const format = request.body.response_format;
  return typeof format === "object" && format !== null && JSON.stringify(format).includes('"name":"task_plan"');
}

export interface PlanFixture extends ChatFixture {
  /** Answers for the next planning calls, in order; task calls are answered "Done." */
  planWith(...answers: string[]): void;
  /** Planning calls the provider received since the last `reset`. */
  planningCalls(): number;
  /** Forgets recorded requests and scripted plans; the handler stays. */
  reset(): void;
}

export async function startPlanFixture(): Promise<PlanFixture> {
  const chat = await startChatFixture({ env: { LLM_MAX_ATTEMPTS: "1" } });
  let answers: string[] = [];
  const handler = (request: ChatCompletionRequest): ChatReply => {
    if (!isPlanningRequest(request)) return { kind: "text", text: "Done.", usage: { promptTokens: 50, completionTokens: 5 } };
    const text = answers.shift();
    if (text === undefined) throw new Error("a planning call came with no planner answer scripted");
    return { kind: "text", text, usage: { promptTokens: 400, completionTokens: 100 } };
  };
  chat.llm.handle(handler);
  return {
    ...chat,
    planWith: (...next) => void answers.push(...next),
    planningCalls: () => chat.llm.requests.filter(isPlanningRequest).length,
    reset() {
      answers = [];
      chat.llm.reset();
      chat.llm.handle(handler);
    },
  };
}

export const plansPath = (projectId: string) => `/my/projects/${projectId}/plans/`;
export const planPath = (projectId: string, planId: string) => `${plansPath(projectId)}${planId}/`;

/** Sends a message without `target_agent`: the orchestrator plans it. */
export function orchestrate(user: ChatUser, sessionId: string, content: string): Promise<RestResponse<RestPlan>> {
  return user.rest.request<RestPlan>("POST", messagePath(user.projectId, sessionId), { json: { content } });
}

const finalStatuses = new Set(["completed", "failed", "partial_success", "rejected", "cancelled"]);

/** Polls the plan until the engine has ended it. */
export async function waitForPlanEnd(user: ChatUser, planId: string): Promise<RestPlan> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await user.rest.get<RestPlan>(planPath(user.projectId, planId));
    if (finalStatuses.has(response.body.status)) return response.body;
    if (Date.now() > deadline) throw new Error(`plan ${planId} did not end; it is ${response.body.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
