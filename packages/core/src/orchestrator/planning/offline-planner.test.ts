import { describe, expect, it } from "vitest";
import { defaultStarterPack } from "../../projects/starter-pack.js";
import { createOfflineLlmClient } from "../../llm/offline-llm-client.js";
import { answerOfflineJson } from "./offline-planner.js";
import { parsePlanReply } from "./plan-reply.js";
import { plannerMessages, toRosterAgent } from "./planner-prompt.js";
import { validatePlanGraph } from "./validate-plan-graph.js";

const roster = defaultStarterPack.map((agent) => toRosterAgent(agent.name, agent.config));
const names = roster.map((agent) => agent.name);
const offline = createOfflineLlmClient({ wordPauseMs: 0, jsonAnswer: answerOfflineJson });

async function offlinePlan(request: string) {
  const completion = await offline.complete({ model: "codelab-offline", messages: plannerMessages(request, roster) });
  const reply = parsePlanReply(completion.content);
  if (!reply.ok) throw new Error(reply.reason);
  return { content: completion.content, graph: reply.graph };
}

describe("the offline model's plans", () => {
  it("chain analysis, code and a write-up for a request that asks for all three", async () => {
    const { content, graph } = await offlinePlan("Analyse the sales data, write a Python script for the chart and document it in a README");

    expect(content).toContain("[offline model]");
    expect(validatePlanGraph(graph, names)).toEqual([]);
    expect(graph.tasks.map(({ taskId, agent, dependencies }) => ({ taskId, agent, dependencies }))).toEqual([
      { taskId: "t1", agent: "DataAnalyst", dependencies: [] },
      { taskId: "t2", agent: "CodeAssistant", dependencies: ["t1"] },
      { taskId: "t3", agent: "DocumentWriter", dependencies: ["t1", "t2"] },
    ]);
  });

  it("give a request with no telling words one task for the first agent", async () => {
    const { graph } = await offlinePlan("Hello there");

    expect(graph.tasks).toEqual([expect.objectContaining({ taskId: "t1", agent: "CodeAssistant", dependencies: [] })]);
  });

  it("leave requests that are not planning requests to the default JSON answer", () => {
    const answer = answerOfflineJson({ model: "m", messages: [{ role: "user", content: "Return JSON only: the colours of the flag" }] });

    expect(answer).toHaveProperty("keywords");
    expect(answer).not.toHaveProperty("tasks");
  });
});
