import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error.js";
import type { CompletionRequest } from "./llm-client.js";
import { asksForJson, extractKeywords, offlineModelName } from "./offline-answer.js";
import { createOfflineLlmClient } from "./offline-llm-client.js";
import { countMessageTokens, countTokens } from "./token-count.js";

const offline = createOfflineLlmClient({ wordPauseMs: 0 });
const ask = (content: string, system?: string): CompletionRequest => ({
  model: "gpt-4.1",
  messages: [...(system ? [{ role: "system" as const, content: system }] : []), { role: "user" as const, content }],
});

describe("the offline model", () => {
  it("labels every reply and says how to configure a real provider", async () => {
    for (const request of [ask("Plan a garden party"), ask("Write a python function to parse dates"), ask("hi")]) {
      const { content } = await offline.complete(request);
      expect(content.startsWith("[offline model]")).toBe(true);
      expect(content).toContain("OPENAI_API_KEY");
    }
  });

  it("answers the same request the same way, and different requests differently", async () => {
    const first = await offline.complete(ask("Plan a garden party for twenty guests"));
    const again = await offline.complete(ask("Plan a garden party for twenty guests"));
    const other = await offline.complete(ask("Compare database indexing strategies"));
    expect(again.content).toBe(first.content);
    expect(other.content).not.toBe(first.content);
  });

  it("outlines a general request around its key words", async () => {
    const { content } = await offline.complete(ask("Plan a garden party for twenty guests with music"));
    expect(content).toMatch(/Key points: .*garden.*party/);
    expect(content).toContain("1. Goal: Plan a garden party");
  });

  it("answers a code request with a short code block in the language asked for", async () => {
    const typescript = await offline.complete(ask("Write a function that parses CSV files"));
    expect(typescript.content).toContain("```typescript");
    expect(typescript.content).toContain("export function parsesCsvFiles(input: string)");
    const python = await offline.complete(ask("Implement a python script to rename photos"));
    expect(python.content).toContain("```python");
    expect(python.content).toContain("def rename_photos(data: str)");
  });

  it("mentions the agent's role from the system prompt", async () => {
    const { content } = await offline.complete(ask("Plan the sprint", "You are a careful project manager. Be brief."));
    expect(content).toContain("(Answering as: You are a careful project manager.)");
  });

  it("streams the reply word by word, the deltas joining to the content", async () => {
    const deltas: string[] = [];
    const completion = await offline.complete(ask("Plan a garden party"), { onDelta: (text) => deltas.push(text) });
    expect(deltas.length).toBeGreaterThan(10);
    expect(deltas.join("")).toBe(completion.content);
  });

  it("reports usage, a zero cost and itself as the provider", async () => {
    const request = ask("Plan a garden party");
    const completion = await offline.complete(request);
    expect(completion).toMatchObject({
      model: offlineModelName,
      provider: "offline",
      finishReason: "stop",
      costUsd: 0,
      usage: { promptTokens: countMessageTokens(request.messages), completionTokens: countTokens(completion.content), estimated: false },
    });
  });

  it("stops streaming when the caller cancels", async () => {
    const controller = new AbortController();
    const deltas: string[] = [];
    const pending = createOfflineLlmClient({ wordPauseMs: 5 }).complete(ask("Plan a garden party"), {
      signal: controller.signal,
      onDelta: (text) => {
        deltas.push(text);
        if (deltas.length === 3) controller.abort();
      },
    });
    await expect(pending).rejects.toMatchObject({ constructor: AppError, code: "LLM_CANCELLED" });
    expect(deltas).toHaveLength(3);
  });
});

describe("JSON answers", () => {
  it("detects requests that ask for JSON", () => {
    expect(asksForJson(ask("Plan the release", "Reply with a JSON object: {\"tasks\": [...]}"))).toBe(true);
    expect(asksForJson(ask("List three colours as JSON"))).toBe(true);
    expect(asksForJson(ask("Return JSON only"))).toBe(true);
    expect(asksForJson(ask("What is JSON and why is it popular?"))).toBe(false);
    expect(asksForJson(ask("Plan a garden party"))).toBe(false);
  });

  it("answers them with valid, labelled JSON", async () => {
    const { content } = await offline.complete(ask("Plan the garden party, respond in JSON"));
    const parsed = JSON.parse(content) as Record<string, unknown>;
    expect(parsed.offline_notice).toMatch(/^\[offline model\]/);
    expect(parsed.keywords).toEqual(expect.arrayContaining(["garden", "party"]));
  });

  it("uses the configured JSON builder, e.g. for plans", async () => {
    const planner = createOfflineLlmClient({ wordPauseMs: 0, jsonAnswer: () => ({ tasks: [{ title: "Invite guests" }] }) });
    const parsed = JSON.parse((await planner.complete(ask("Plan the party as JSON"))).content) as Record<string, unknown>;
    expect(parsed).toMatchObject({ tasks: [{ title: "Invite guests" }], offline_notice: expect.stringMatching(/^\[offline model\]/) });
  });
});

describe("extractKeywords", () => {
  it("ranks by frequency, then first appearance, skipping stop words and short words", () => {
    expect(extractKeywords("the cache is slow; make the cache fast and the queue fast too")).toEqual(["cache", "fast", "slow", "queue", "too"]);
  });
});
