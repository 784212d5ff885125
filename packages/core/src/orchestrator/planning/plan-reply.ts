import { z } from "zod";
import type { JsonSchemaResponseFormat } from "../../llm/llm-client.js";
import type { PlanGraph } from "../plan-graph.js";

// Models often number their tasks; an id is an id whether written 1 or "1".
const identifier = z.union([z.string(), z.number()]).transform((value) => String(value).trim()).pipe(z.string().min(1).max(100));

const taskReply = z.object({
  task_id: identifier,
  description: z.string().trim().min(1).max(8000),
  agent: z.string().trim().min(1).max(100),
  dependencies: z.array(identifier).max(100).default([]),
  expected_output: z.string().trim().max(8000).default(""),
});

// Far above the task limit, so an oversized plan is reported as such rather than as malformed.
const planReply = z.object({ tasks: z.array(taskReply).max(500) });

export type PlanReplyResult = { ok: true; graph: PlanGraph } | { ok: false; reason: string };

/** The answer format the planner asks for; `agent` may only be one of the project's agents. */
export function planResponseFormat(agentNames: readonly string[]): JsonSchemaResponseFormat {
  const text = { type: "string" };
  return {
    type: "json_schema",
    name: "task_plan",
    strict: true,
    schema: {
      type: "object",
      properties: {
        tasks: {
          type: "array",
          items: {
            type: "object",
            properties: {
              task_id: text,
              description: text,
              agent: { type: "string", enum: [...agentNames] },
              dependencies: { type: "array", items: text },
              expected_output: text,
            },
            required: ["task_id", "description", "agent", "dependencies", "expected_output"],
            additionalProperties: false,
          },
        },
      },
      required: ["tasks"],
      additionalProperties: false,
    },
  };
}

/**
 * Reads a plan from a model's answer, tolerating what models add around JSON: code fences, a
 * sentence before or after, a bare array of tasks instead of `{ "tasks": [...] }`.
 */
export function parsePlanReply(content: string): PlanReplyResult {
  const json = extractJson(content);
  if (json === undefined) return { ok: false, reason: "The answer contains no JSON object." };
  const parsed = planReply.safeParse(Array.isArray(json) ? { tasks: json } : json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
    return { ok: false, reason: `The JSON does not match the plan format (${issues.join("; ")}).` };
  }
  return {
    ok: true,
    graph: {
      tasks: parsed.data.tasks.map((task) => ({
        taskId: task.task_id,
        description: task.description,
        agent: task.agent,
        dependencies: task.dependencies,
        expectedOutput: task.expected_output,
      })),
    },
  };
}

function extractJson(content: string): unknown {
  const unfenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(content)?.[1] ?? content;
  for (const candidate of [unfenced, between(unfenced, "{", "}"), between(unfenced, "[", "]")]) {
    if (candidate === undefined) continue;
    try {
      return JSON.parse(candidate) as unknown;
    } catch {
      // Not this slice; try the next.
    }
  }
  return undefined;
}

function between(text: string, open: string, close: string): string | undefined {
  const start = text.indexOf(open);
  const end = text.lastIndexOf(close);
  return start >= 0 && end > start ? text.slice(start, end + 1) : undefined;
}
