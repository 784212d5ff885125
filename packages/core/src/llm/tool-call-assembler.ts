import type { ToolCall } from "./llm-client.js";
import type { ToolCallFragment } from "./provider-fields.js";

/** A model's tool call whose arguments outgrow the limit: it is not trusted, like an oversized chunk. */
export class OversizedToolCallError extends Error {
  constructor(readonly limitChars: number) {
    super(`a tool call's arguments exceed ${limitChars} characters`);
    this.name = "OversizedToolCallError";
  }
}

interface PartialCall {
  id: string;
  name: string;
  arguments: string;
}

/**
 * Puts streamed tool-call fragments back together: providers send a call's id and name once, then
 * its arguments in pieces, all keyed by the call's index in the answer.
 */
export function createToolCallAssembler(maxArgumentChars: number) {
  const calls = new Map<number, PartialCall>();
  return {
    add(fragments: readonly ToolCallFragment[]): void {
      for (const fragment of fragments) {
        const call = calls.get(fragment.index) ?? { id: "", name: "", arguments: "" };
        if (fragment.id) call.id = fragment.id;
        // OpenAI-compatible providers name the call in its first fragment only.
        call.name ||= fragment.name ?? "";
        call.arguments += fragment.arguments ?? "";
        if (call.arguments.length > maxArgumentChars) throw new OversizedToolCallError(maxArgumentChars);
        calls.set(fragment.index, call);
      }
    },
    /** The complete calls in the model's order; a call the provider left without an id gets one, so results can be matched to it. */
    calls(): ToolCall[] {
      return [...calls.entries()]
        .sort(([left], [right]) => left - right)
        .filter(([, call]) => call.name !== "")
        .map(([index, call]) => ({ id: call.id || `call_${index}`, name: call.name, arguments: call.arguments }));
    },
  };
}
