import { describe, expect, it } from "vitest";
import { buildAgentPrompt, memoryHeading, trimHistory } from "./build-agent-prompt.js";

describe("buildAgentPrompt", () => {
  it("puts memories under a memory heading in the system prompt, then history, then the message", () => {
    const messages = buildAgentPrompt({
      systemPrompt: "You are a coder.",
      memories: [{ content: "The user prefers tabs.\nAlways." }, { content: "Project uses Deno." }],
      history: [
        { role: "user", content: "hi" },
        { role: "assistant", content: "hello" },
      ],
      userMessage: "Write a function",
      historyTokenBudget: 1000,
    });
    expect(messages.map((message) => message.role)).toEqual(["system", "user", "assistant", "user"]);
    expect(messages[0]?.content).toContain("You are a coder.");
    expect(messages[0]?.content).toContain(memoryHeading);
    expect(messages[0]?.content).toContain("- The user prefers tabs. Always.\n- Project uses Deno.");
    expect(messages.at(-1)).toEqual({ role: "user", content: "Write a function" });
  });

  it("leaves the memory heading out when nothing relevant was recalled", () => {
    const [system] = buildAgentPrompt({ systemPrompt: "Be brief.", memories: [], history: [], userMessage: "x", historyTokenBudget: 10 });
    expect(system).toEqual({ role: "system", content: "Be brief." });
  });
});

describe("trimHistory", () => {
  it("keeps the newest turns that fit the budget, in order", () => {
    const history = Array.from({ length: 10 }, (_, index) => ({ role: "user" as const, content: `message number ${index}` }));
    const kept = trimHistory(history, 30);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(10);
    expect(kept.at(-1)?.content).toBe("message number 9");
    expect(kept.map((message) => message.content)).toEqual(history.slice(10 - kept.length).map((message) => message.content));
  });

  it("keeps nothing when the budget is zero", () => {
    expect(trimHistory([{ role: "user", content: "hello" }], 0)).toEqual([]);
  });
});
