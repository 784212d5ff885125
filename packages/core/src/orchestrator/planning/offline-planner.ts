import type { JsonValue } from "../../errors/app-error.js";
import type { CompletionRequest } from "../../llm/llm-client.js";
import { defaultOfflineJson } from "../../llm/offline-answer.js";
import { readPlannerPrompt, type RosterAgent } from "./planner-prompt.js";

interface Step {
  /** Words in a request that call for this step. */
  asks: RegExp;
  /** Words in an agent's name, role or description that fit it for this step. */
  fits: RegExp;
  describe: (request: string) => string;
  expectedOutput: string;
}

// In the order they run: findings feed the code, and the write-up comes last.
const steps = {
  analysis: {
    asks: /\b(?:data|datasets?|analy[sz]\w*|statistic\w*|charts?|graphs?|csv|metrics?|visuali[sz]\w*|plots?|trends?|numbers)\b/i,
    fits: /analy|data|scien|statistic/i,
    describe: (request) => `Analyse the data and facts this request needs: ${request}`,
    expectedOutput: "The findings, with the figures that support them.",
  },
  code: {
    asks: /\b(?:code|coding|function|implement\w*|scripts?|class|classes|refactor\w*|bugs?|fix|api|programs?|typescript|javascript|python|tests?|endpoints?|regex|algorithm)\b/i,
    fits: /develop|code|engineer|program/i,
    describe: (request) => `Write the code this request needs: ${request}`,
    expectedOutput: "Working code with a short explanation of how to use it.",
  },
  writing: {
    asks: /\b(?:docs?|document\w*|readme|explain\w*|summar\w*|reports?|articles?|guides?|tutorials?|describe|blog|write-?up)\b/i,
    fits: /writ|doc|author|editor/i,
    describe: (request) => `Write this up clearly for the reader: ${request}`,
    expectedOutput: "Clear, well-structured text ready to share.",
  },
} satisfies Record<string, Step>;

type StepName = keyof typeof steps;

const agentText = (agent: RosterAgent) => `${agent.name} ${agent.role} ${agent.description}`;

function summarize(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}

/**
 * The offline model's plan: one to three tasks over the project's agents, chosen by the request's
 * words (analysis, code, write-up), in that order; the write-up depends on everything before it.
 * Deterministic, valid by construction, and plain about where it comes from.
 */
export function composeOfflinePlan(request: string, roster: readonly RosterAgent[]): { tasks: Array<Record<string, JsonValue>> } {
  const summary = summarize(request);
  const chosen = (Object.keys(steps) as StepName[]).flatMap((name) => {
    const step: Step = steps[name];
    const agent = step.asks.test(request) ? roster.find((candidate) => step.fits.test(agentText(candidate))) : undefined;
    return agent ? [{ name, step, agent }] : [];
  });
  const first = roster[0];
  if (chosen.length === 0) {
    if (!first) return { tasks: [] };
    return { tasks: [{ task_id: "t1", description: summary, agent: first.name, dependencies: [], expected_output: "A complete answer to the request." }] };
  }
  const ids = chosen.map((_, index) => `t${index + 1}`);
  return {
    tasks: chosen.map(({ name, step, agent }, index) => ({
      task_id: ids[index]!,
      description: step.describe(summary),
      agent: agent.name,
      dependencies: name === "writing" ? ids.slice(0, index) : name === "code" && chosen[0]?.name === "analysis" ? ["t1"] : [],
      expected_output: step.expectedOutput,
    })),
  };
}

/** The offline model's JSON answers: a plan for a planning request, the default outline otherwise. */
export function answerOfflineJson(request: CompletionRequest): Record<string, JsonValue> {
  const planning = readPlannerPrompt(request);
  return planning ? composeOfflinePlan(planning.request, planning.roster) : defaultOfflineJson(request);
}
