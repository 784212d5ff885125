import { z } from "zod";
import type { AgentConfig } from "@codelab/contracts";
import type { ChatMessage, CompletionRequest } from "../../llm/llm-client.js";
import { maxPlanDepth, maxPlanTasks, type PlanProblem } from "./validate-plan-graph.js";

/** What the planner is told about one agent: enough to choose, nothing it does not need. */
export interface RosterAgent {
  name: string;
  role: string;
  description: string;
  tools: string[];
}

// Marks a planning request, so the offline model can recognise one and read the roster back.
const formatMarker = "codelab-plan-v1";
const rosterHeading = "Agents (JSON, one per line):";

const instructions = [
  `You are CodeLab's task planner (${formatMarker}). Break the user's request into tasks for the project's agents.`,
  "- Assign every task to exactly one agent, by its exact name from the list below; choose by role and tools.",
  '- Give every task a short unique task_id such as "t1", "t2".',
  "- dependencies lists the task_ids whose output a task needs. Tasks without a dependency between them run in parallel, so only add a dependency when the output is really needed.",
  `- Use as few tasks as the request needs: at most ${maxPlanTasks}, chains of dependent tasks at most ${maxPlanDepth} long, no cycles.`,
  "- description says what the agent must do, self-contained; expected_output says what it must hand back.",
  'Answer with JSON only, no prose: {"tasks":[{"task_id":"t1","description":"...","agent":"...","dependencies":[],"expected_output":"..."}]}',
].join("\n");

export function toRosterAgent(name: string, config: AgentConfig): RosterAgent {
  const role = typeof config.metadata.role === "string" ? config.metadata.role : "";
  const description = config.systemPrompt.replace(/\s+/g, " ").trim();
  return { name, role, description: description.length > 300 ? `${description.slice(0, 299)}…` : description, tools: [...config.tools] };
}

export function plannerMessages(request: string, roster: readonly RosterAgent[]): ChatMessage[] {
  const lines = roster.map((agent) => JSON.stringify(agent));
  return [
    { role: "system", content: `${instructions}\n\n${rosterHeading}\n${lines.join("\n")}` },
    { role: "user", content: request },
  ];
}

/** The follow-up that gives the model one chance to correct its plan. */
export function repairMessages(previous: ChatMessage[], answer: string, problems: readonly Pick<PlanProblem, "message">[] | string): ChatMessage[] {
  const reasons = typeof problems === "string" ? problems : problems.map((problem) => `- ${problem.message}`).join("\n");
  return [
    ...previous,
    { role: "assistant", content: answer },
    { role: "user", content: `That plan cannot be used:\n${reasons}\nAnswer again with the corrected plan, as JSON only, in the same format.` },
  ];
}

const rosterAgent = z.object({ name: z.string(), role: z.string(), description: z.string(), tools: z.array(z.string()) });

/** The request and roster of a planning request, or undefined for any other request. */
export function readPlannerPrompt(request: CompletionRequest): { request: string; roster: RosterAgent[] } | undefined {
  const system = request.messages.find((message) => message.role === "system")?.content ?? "";
  if (!system.includes(formatMarker)) return undefined;
  const rosterText = system.slice(system.indexOf(rosterHeading) + rosterHeading.length);
  const roster = rosterText
    .split("\n")
    .filter((line) => line.trim().startsWith("{"))
    .flatMap((line) => {
      const parsed = rosterAgent.safeParse(JSON.parse(line));
      return parsed.success ? [parsed.data] : [];
    });
  // The first user message is the request; later ones are repair instructions.
  const userRequest = request.messages.find((message) => message.role === "user")?.content ?? "";
  return { request: userRequest, roster };
}
