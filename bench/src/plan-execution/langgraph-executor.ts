import type { LlmClient } from "@codelab/core";
import type { PlanRunner } from "./plan-runner.js";
import { callModel, synthesisInput, taskInput } from "./task-call.js";

const synthesisNode = "combine";

/**
 * The same graphs as LangGraph.js StateGraphs: one node per task, a waiting edge from a task's
 * dependencies (it runs once all have finished), outputs merged into the state; compiling is
 * preparation, invoking is the run. Undefined when `@langchain/langgraph` (a dev dependency of the
 * bench only) is not installed.
 */
export async function loadLangGraphRunner(llm: LlmClient): Promise<PlanRunner | undefined> {
  const langgraph = await import("@langchain/langgraph").catch((error: unknown) => {
    if ((error as { code?: string }).code === "ERR_MODULE_NOT_FOUND") return undefined;
    throw error;
  });
  if (!langgraph) return undefined;
  const { Annotation, END, START, StateGraph } = langgraph;
  const State = Annotation.Root({
    outputs: Annotation<Record<string, string>>({ reducer: (left, right) => ({ ...left, ...right }), default: () => ({}) }),
  });
  type GraphState = typeof State.State;
  type Node = [string, (state: GraphState) => Promise<Partial<GraphState>>];

  return {
    name: "LangGraph",
    prepare(plan) {
      const nodes = plan.tasks.map(
        (task): Node => [
          task.taskId,
          async (state) => ({
            outputs: { [task.taskId]: await callModel(llm, taskInput(task, task.dependencies.map((dependency) => state.outputs[dependency] ?? ""))) },
          }),
        ],
      );
      const combine: Node = [
        synthesisNode,
        async (state) => {
          await callModel(llm, synthesisInput(plan.sinks, new Map(Object.entries(state.outputs))));
          return {};
        },
      ];
      const graph = new StateGraph(State).addNode(plan.sinks.length > 1 ? [...nodes, combine] : nodes);
      for (const task of plan.tasks) {
        if (task.dependencies.length === 0) graph.addEdge(START, task.taskId);
        else graph.addEdge(task.dependencies.length === 1 ? task.dependencies[0]! : task.dependencies, task.taskId);
      }
      if (plan.sinks.length > 1) {
        graph.addEdge(plan.sinks, synthesisNode);
        graph.addEdge(synthesisNode, END);
      } else {
        graph.addEdge(plan.sinks[0]!, END);
      }
      const compiled = graph.compile();
      return Promise.resolve(async () => {
        await compiled.invoke({}, { recursionLimit: 1_000 });
      });
    },
  };
}
