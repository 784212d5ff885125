import { lastUserMessage, type ChatCompletionRequest, type ChatReply } from "@codelab/llm-test-server";
import { scriptedToolReply } from "./scripted-tools.js";

/** A message containing this asks the scripted model to answer with the XSS corpus. */
export const xssMarker = "XSS-CORPUS";

/** The host every payload tries to reach; the browser tests watch for any request to it. */
export const canaryHost = "canary.codelab-test.invalid";

/** Stored-XSS payloads: each would run script, load from the canary host or navigate if rendered as HTML. */
export const xssCorpus = [
  `<img src=x onerror="window.__xssFired = 'img-onerror'; alert(1)">`,
  `<svg onload="window.__xssFired = 'svg-onload'"></svg>`,
  `[click me](javascript:window.__xssFired='markdown-javascript-link')`,
  `<a href="javascript:window.__xssFired='html-javascript-link'">html link</a>`,
  `<iframe srcdoc="<script>parent.__xssFired='iframe-srcdoc'</script>"></iframe>`,
  `<script>window.__xssFired = 'script-tag'</script>`,
  `<img src="http://${canaryHost}/html-image.png">`,
  `![tracking pixel](http://${canaryHost}/markdown-image.png)`,
  `<div style="background:url(http://${canaryHost}/css.png)" onclick="window.__xssFired='onclick'">styled</div>`,
  `[data link](data:text/html,<script>alert(1)</script>)`,
  "`<b onmouseover=alert(1)>inline code</b>`",
].join("\n\n");

/** What the direct-chat scenario streams: slow enough that the browser sees it arrive in pieces. */
export const streamedAnswer = [
  "Here is a small **TypeScript** helper that turns a title into a URL slug:",
  "",
  "```ts",
  "export function slugify(title: string): string {",
  '  return title.toLowerCase().trim().replace(/[^a-z0-9]+/g, "-");',
  "}",
  "```",
  "",
  "- It lowercases the title",
  "- It joins words with `-`",
].join("\n");

/** A message with this marker gets a plain-text answer, streamed slowly enough to cut the connection mid-way. */
export const reconnectMarker = "RECONNECT";

/** Plain words, so every partial rendering is a prefix of the whole. */
export const plainAnswer = Array.from({ length: 40 }, (_, index) => `word${index + 1}`).join(" ");

/** Requests with this marker are planned as three writing tasks: two in parallel, then one that joins them. */
export const releaseNotesMarker = "PLAN-RELEASE-NOTES";
/** Requests with this marker are planned as one slow task and one after it: time to cancel mid-run. */
export const slowPlanMarker = "PLAN-SLOW";
const slowStep = "SLOW-STEP";

type PlannedTask = { task_id: string; description: string; agent: string; dependencies: string[]; expected_output: string };

function planFor(request: string): PlannedTask[] {
  const task = (task_id: string, description: string, dependencies: string[] = []): PlannedTask => ({
    task_id,
    description,
    agent: "DocumentWriter",
    dependencies,
    expected_output: "A short paragraph",
  });
  if (request.includes(slowPlanMarker)) {
    return [task("t1", `${slowStep} Write a long essay about the release`), task("t2", "Edit the essay", ["t1"])];
  }
  return [task("t1", "Outline the release notes"), task("t2", "List the fixed bugs"), task("t3", "Draft the release notes", ["t1", "t2"])];
}

function systemPrompt(request: ChatCompletionRequest): string {
  return request.messages.find((message) => message.role === "system")?.content ?? "";
}

/**
 * Answers like a model would, chosen by what is asked: a plan for the orchestrator's planner,
 * tool calls and answers from their results, slow or quick task results, the XSS corpus, or a
 * streamed code answer for direct chat.
 */
export function scriptedReply(request: ChatCompletionRequest): ChatReply {
  const system = systemPrompt(request);
  const message = lastUserMessage(request);
  if (system.includes("codelab-plan-v1")) return { kind: "text", text: JSON.stringify({ tasks: planFor(message) }) };
  const toolReply = scriptedToolReply(request, message);
  if (toolReply) return toolReply;
  if (message.includes(slowStep)) return { kind: "text", text: "A long essay. ".repeat(80), chunks: 80, delayBetweenChunksMs: 150 };
  if (message.includes(reconnectMarker)) return { kind: "text", text: plainAnswer, chunks: 40, delayBetweenChunksMs: 120 };
  if (message.includes(xssMarker)) return { kind: "text", text: xssCorpus, chunks: 6, delayBetweenChunksMs: 20 };
  if (message.includes(releaseNotesMarker) || message.includes("release notes") || message.includes("fixed bugs")) {
    return { kind: "text", text: `Done: ${message.split("\n", 1)[0] ?? ""}`, chunks: 6, delayBetweenChunksMs: 150 };
  }
  return { kind: "text", text: streamedAnswer, chunks: 24, delayBetweenChunksMs: 80 };
}
