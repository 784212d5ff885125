import type { JsonValue } from "../errors/app-error.js";
import type { CompletionRequest } from "./llm-client.js";

export const offlineModelName = "codelab-offline";

/** Opens every offline reply (and is a property of every offline JSON reply): no one mistakes it for a real model. */
export const offlineNotice =
  "[offline model] This reply comes from CodeLab's built-in offline model, not a language model. " +
  "For real answers set OPENAI_API_KEY (and OPENAI_BASE_URL for a LiteLLM proxy or another OpenAI-compatible server), then restart the server.";

const stopWords = new Set(
  (
    "the and for with that this from into about what which when where while have has had are was were will would could should " +
    "can may might must not but you your our their them they its it's how why who whom please make create write give show tell " +
    "need want like just also then than there here some any all each more most very much many use using used does did done get " +
    "let lets let's one two out over under again new respond reply answer return format json"
  ).split(" "),
);

/** Words that mark a code request; they describe the answer's form, so they never name the code. */
const codeWords = /\b(?:code|function|implement|implementation|script|class|method|refactor|snippet|program|typescript|javascript|python|regex|algorithm)\b/i;

/**
 * The request's most telling words: at least three letters, not stop words, by frequency and then
 * by first appearance. Deterministic, so the same request always gets the same answer.
 */
export function extractKeywords(text: string, limit = 5): string[] {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}_-]*/gu) ?? []) {
    if (word.length >= 3 && !stopWords.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  // Map keeps insertion order and sort is stable, so ties stay in order of first appearance.
  return [...counts.entries()]
    .sort(([, left], [, right]) => right - left)
    .slice(0, limit)
    .map(([word]) => word);
}

/**
 * True when the request asks for a JSON answer: a system message that mentions JSON (prompts that
 * do are format instructions), or a last user message saying "as JSON", "in JSON", "valid JSON",
 * "return JSON", "JSON only", "JSON object"…
 */
export function asksForJson(request: CompletionRequest): boolean {
  const system = request.messages.filter((message) => message.role === "system").map((message) => message.content);
  if (system.some((content) => /\bjson\b/i.test(content))) return true;
  return /\b(?:as|in|valid|return|only|with)\s+json\b|\bjson\s+(?:only|object|array|format)\b/i.test(lastUserMessage(request));
}

/** The default JSON answer: the request's gist, key words and an outline. */
export function defaultOfflineJson(request: CompletionRequest): Record<string, JsonValue> {
  const message = lastUserMessage(request);
  const keywords = extractKeywords(message);
  return { request: summarize(message), keywords, outline: outlineSteps(summarize(message), keywords) };
}

/** A readable, clearly labelled answer: a short code sketch for a code request, an outline otherwise. */
export function composeOfflineAnswer(request: CompletionRequest): string {
  const message = lastUserMessage(request);
  const role = request.messages.find((message) => message.role === "system")?.content;
  const header = role ? `${offlineNotice}\n\n(Answering as: ${summarize(firstSentence(role))})` : offlineNotice;
  return `${header}\n\n${codeWords.test(message) ? codeSketch(message) : outline(message)}`;
}

function outline(message: string): string {
  const keywords = extractKeywords(message);
  if (keywords.length === 0) return "Hello! Ask a question or describe a task, and I will outline an answer.";
  const steps = outlineSteps(summarize(message), keywords).map((step, index) => `${index + 1}. ${step}`);
  return [`Outline for "${summarize(message)}":`, "", ...steps].join("\n");
}

function outlineSteps(summary: string, keywords: string[]): string[] {
  const [first, ...rest] = keywords;
  return [
    `Goal: ${summary}`,
    `Key points: ${keywords.join(", ")}.`,
    rest.length > 0
      ? `Approach: start with ${first}, then ${rest.slice(0, 2).join(" and ")}, checking each against the goal.`
      : `Approach: focus on ${first}.`,
    "Next step: connect a real model for a full answer.",
  ];
}

function codeSketch(message: string): string {
  const words = extractKeywords(message.replace(new RegExp(codeWords.source, "gi"), " "), 3)
    .filter((word) => /^\p{L}/u.test(word))
    .map((word) => word.replace(/[^\p{L}\p{N}]/gu, ""));
  const nameWords = words.length > 0 ? words : ["sketch"];
  const steps = JSON.stringify(nameWords);
  const purpose = `Offline sketch: ${nameWords.join(" ")}.`;
  const code = /\bpython\b/i.test(message)
    ? [
        "```python",
        `def ${nameWords.join("_")}(data: str) -> list[str]:`,
        `    """${purpose}"""`,
        `    steps = ${steps}`,
        '    return [f"{step}: {data}" for step in steps]',
        "```",
      ]
    : [
        "```typescript",
        `/** ${purpose} */`,
        `export function ${camelCase(nameWords)}(input: string): string[] {`,
        `  const steps = ${steps};`,
        "  return steps.map((step) => `${step}: ${input}`);",
        "}",
        "```",
      ];
  return [`A sketch for "${summarize(message)}":`, "", ...code, "", "A real model would write the actual implementation; this only shows its shape."].join("\n");
}

function lastUserMessage(request: CompletionRequest): string {
  return request.messages.findLast((message) => message.role === "user")?.content ?? "";
}

function summarize(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 100 ? `${flat.slice(0, 99)}…` : flat;
}

function firstSentence(text: string): string {
  return text.trim().split(/(?<=[.!?])\s/)[0] ?? text;
}

function camelCase(words: string[]): string {
  return words.map((word, index) => (index === 0 ? word : `${word.charAt(0).toUpperCase()}${word.slice(1)}`)).join("");
}
