import type { AgentConfig } from "@codelab/contracts";
import type {
  ChatMessage,
  Completion,
  CompletionOptions,
} from "../llm/llm-client.js";
import type { MemoryScope } from "../memory/memory-store.js";
import {
  runToolCall,
  type ToolCallOutcome,
  type ToolCallSettings,
} from "../tools/run-tool-call.js";
import { startToolTimeBudget } from "../tools/tool-time-budget.js";
import type { ProjectWorkspace } from "../workspace/project-workspace.js";
import type { AgentRuntime } from "./agent-runtime.js";
import type { AgentToolUse } from "./agent-tool-use.js";

export interface CompleteWithToolsRequest extends CompletionOptions {
  scope: MemoryScope;
  config: AgentConfig;
  messages: ChatMessage[];
  toolUse: AgentToolUse | undefined;
}

export interface ToolAwareCompletion {
  /** The whole turn as one answer: text of every round, usage and cost summed over every model call. */
  completion: Completion;
  cost: number;
  toolCalls: ToolCallOutcome[];
}

const roundSeparator = "\n\n";

/**
 * The model's tool-call loop: ask, run the calls it makes (in parallel), hand back the results, ask
 * again, for at most `maxRounds` rounds; the answer after the last round is asked for without tools,
 * so a model that never stops calling them still ends with an answer.
 */
export async function completeWithTools(
  runtime: AgentRuntime,
  request: CompleteWithToolsRequest,
): Promise<ToolAwareCompletion> {
  const { scope, config, toolUse, signal, onDelta } = request;
  const specs = toolUse ? runtime.tools.registry.specsFor(config.tools) : [];
  const { maxRounds, maxTotalMilliseconds } = runtime.tools.limits;
  const conversation = [...request.messages];
  const rounds: Completion[] = [];
  const toolCalls: ToolCallOutcome[] = [];
  // Everything tools need but the workspace, which is prepared (a mkdir) only once the model calls
  // a tool: a turn answered from the model alone touches no file. The time budget runs from here.
  const toolContext: Omit<ToolCallSettings, "workspace"> | undefined =
    toolUse && specs.length > 0
      ? {
          scope: { ...scope, ...toolUse },
          allowedTools: config.tools,
          approval: toolUse.approval,
          budget: startToolTimeBudget(maxTotalMilliseconds),
          signal: signal ?? new AbortController().signal,
        }
      : undefined;
  let workspace: ProjectWorkspace | undefined;
  for (;;) {
    const offerTools = toolContext !== undefined && rounds.length < maxRounds;
    const spokenBefore = rounds.some((round) => round.content !== "");
    const completion = await runtime.llm.complete(
      {
        model: config.model,
        messages: conversation,
        temperature: config.temperature,
        maxTokens: config.maxTokens,
        ...(offerTools ? { tools: specs } : {}),
      },
      {
        signal,
        ...(onDelta ? { onDelta: separatedDeltas(onDelta, spokenBefore) } : {}),
      },
    );
    rounds.push(completion);
    if (!offerTools || completion.toolCalls.length === 0) break;
    // Idempotent: a project from before workspaces existed gets its directory here.
    workspace ??= await runtime.tools.workspaces.create(scope.projectId);
    const settings: ToolCallSettings = { ...toolContext, workspace };
    conversation.push({
      role: "assistant",
      content: completion.content,
      toolCalls: completion.toolCalls,
    });
    const outcomes = await Promise.all(
      completion.toolCalls.map((call) => runToolCall(runtime, settings, call)),
    );
    toolCalls.push(...outcomes);
    conversation.push(
      ...outcomes.map((outcome) => ({
        role: "tool" as const,
        toolCallId: outcome.call.id,
        content: outcome.content,
      })),
    );
  }
  const cost = rounds.reduce(
    (sum, round) =>
      sum + (round.costUsd ?? runtime.pricing.costOf(round.model, round.usage)),
    0,
  );
  return { completion: mergeRounds(rounds), cost, toolCalls };
}

/** Text after a tool round starts a new paragraph, in the stream exactly as in the stored answer. */
function separatedDeltas(
  onDelta: (text: string) => void,
  spokenBefore: boolean,
): (text: string) => void {
  let pending = spokenBefore;
  return (text) => {
    if (pending) onDelta(roundSeparator);
    pending = false;
    onDelta(text);
  };
}

function mergeRounds(rounds: readonly Completion[]): Completion {
  const last = rounds.at(-1)!;
  return {
    ...last,
    content: rounds
      .map((round) => round.content)
      .filter((content) => content !== "")
      .join(roundSeparator),
    toolCalls: [],
    usage: {
      promptTokens: rounds.reduce(
        (sum, round) => sum + round.usage.promptTokens,
        0,
      ),
      completionTokens: rounds.reduce(
        (sum, round) => sum + round.usage.completionTokens,
        0,
      ),
      estimated: rounds.some((round) => round.usage.estimated),
    },
    upstreamMilliseconds: rounds.reduce(
      (sum, round) => sum + round.upstreamMilliseconds,
      0,
    ),
    ...(rounds.every((round) => round.costUsd !== undefined)
      ? { costUsd: rounds.reduce((sum, round) => sum + round.costUsd!, 0) }
      : {}),
  };
}
