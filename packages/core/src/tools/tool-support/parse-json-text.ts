import { fail, succeed, type Outcome } from "./outcome.js";

/** Parses JSON and, when it is invalid, says where (line and column) so the model can fix it. */
export function parseJsonText(text: string): Outcome<unknown> {
  try {
    return succeed(JSON.parse(text) as unknown);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(`The input is not valid JSON${describePosition(text, reason)}: ${reason}`);
  }
}

/** V8 reports a character offset ("… at position 12"); people and models think in lines. */
function describePosition(text: string, reason: string): string {
  const match = /position (\d+)/.exec(reason);
  if (!match?.[1]) return "";
  const position = Number(match[1]);
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = position - before.lastIndexOf("\n");
  return ` (line ${line}, column ${column})`;
}
