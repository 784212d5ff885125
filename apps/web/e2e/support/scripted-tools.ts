import type { ChatCompletionRequest, ChatReply } from "@codelab/llm-test-server";

/** A message with this asks DataAnalyst's model to chart inline rows with data_visualizer. */
export const chartMarker = "TOOLS-CHART";
/** A message with this asks CodeAssistant's model to run a Python program with code_executor (which waits for approval). */
export const codeMarker = "TOOLS-CODE";

export const chartRows = [
  { month: "Jan", sales: 120 },
  { month: "Feb", sales: 95 },
  { month: "Mar", sales: 160 },
  { month: "Apr", sales: 140 },
];

/** Markup the program prints: tool output is text, so the page must show it as written and build nothing from it. */
export const printedMarkup = '<img src="x" onerror="window.__toolOutputRan = true">';

export const pythonProgram = [
  "numbers = range(1, 11)",
  "total = sum(numbers)",
  'print(f"The sum of 1..10 is {total}")',
  `print(${JSON.stringify(printedMarkup)})`,
].join("\n");

/** What the program prints when it runs in the sandbox. */
export const pythonOutput = "The sum of 1..10 is 55";

/** The messages of the current turn: the model's tool calls and the results handed back since the user spoke. */
function toolResultsOfTurn(request: ChatCompletionRequest): string[] {
  const lastUser = request.messages.findLastIndex((message) => message.role === "user");
  return request.messages.slice(lastUser + 1).flatMap((message) => (message.role === "tool" ? [message.content] : []));
}

/**
 * A model that calls one tool, then answers from its result: the first request of the turn gets
 * the tool call, the one carrying the result gets text built from it.
 */
export function scriptedToolReply(request: ChatCompletionRequest, message: string): ChatReply | undefined {
  const results = toolResultsOfTurn(request);
  if (message.includes(chartMarker) && request.toolNames.includes("data_visualizer")) {
    if (results.length === 0) {
      return {
        kind: "tool-calls",
        calls: [{ name: "data_visualizer", arguments: { rows: chartRows, chart: "bar", x: "month", y: "sales", title: "Monthly sales", name: "monthly-sales" } }],
      };
    }
    return { kind: "text", text: "Here is the chart of **monthly sales**: March was the best month, February the weakest.", chunks: 8, delayBetweenChunksMs: 40 };
  }
  if (message.includes(codeMarker) && request.toolNames.includes("code_executor")) {
    if (results.length === 0) return { kind: "tool-calls", calls: [{ name: "code_executor", arguments: { language: "python", code: pythonProgram } }] };
    const result = results.at(-1) ?? "";
    const text = result.startsWith("The program finished")
      ? `The program ran in the sandbox:\n\n\`\`\`text\n${result}\n\`\`\``
      : "The code did not run, so I have no result for you. Approve it next time and I will run it.";
    return { kind: "text", text, chunks: 6, delayBetweenChunksMs: 40 };
  }
  return undefined;
}
