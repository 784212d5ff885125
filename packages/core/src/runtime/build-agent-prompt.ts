import type { ChatMessage } from "../llm/llm-client.js";
import { countTokens } from "../llm/token-count.js";

export interface AgentPromptOptions {
  systemPrompt: string;
  /** Most relevant first. */
  memories: ReadonlyArray<{ content: string }>;
  /** The session so far, oldest first. */
  history: readonly ChatMessage[];
  userMessage: string;
  /** The most tokens the history may take; the newest turns are kept. */
  historyTokenBudget: number;
}

export const memoryHeading = "## Your memory";

function memorySection(memories: AgentPromptOptions["memories"]): string {
  if (memories.length === 0) return "";
  const notes = memories.map((memory) => `- ${memory.content.replace(/\s*\n\s*/g, " ")}`).join("\n");
  return `\n\n${memoryHeading}\nNotes you kept from earlier work, most relevant first. Use them when they help:\n${notes}`;
}

/** Keeps the newest turns that fit the budget, in their original order. */
export function trimHistory(history: readonly ChatMessage[], tokenBudget: number): ChatMessage[] {
  const kept: ChatMessage[] = [];
  let used = 0;
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const message = history[index]!;
    const cost = countTokens(message.content) + 4;
    if (used + cost > tokenBudget) break;
    used += cost;
    kept.push(message);
  }
  return kept.reverse();
}

/** System prompt with the agent's relevant memories, then the recent session, then the new message. */
export function buildAgentPrompt({ systemPrompt, memories, history, userMessage, historyTokenBudget }: AgentPromptOptions): ChatMessage[] {
  const system = `${systemPrompt.trim()}${memorySection(memories)}`.trim();
  return [
    ...(system ? [{ role: "system" as const, content: system }] : []),
    ...trimHistory(history, historyTokenBudget),
    { role: "user", content: userMessage },
  ];
}
