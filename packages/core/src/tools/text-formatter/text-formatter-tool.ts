import { defineTool } from "../tool.js";
import { capText } from "../tool-support/cap-text.js";
import { readTextSource } from "../tool-support/read-text-source.js";
import { applyFormat } from "./apply-format.js";
import { textFormatterInput } from "./text-formatter-input.js";

export const textFormatterLimits = {
  timeoutMilliseconds: 10_000,
  maxResultChars: 60_000,
  /** Workspace files larger than this are refused, not cut (half a JSON document is not JSON). */
  maxFileBytes: 1_000_000,
} as const;

/** DocumentWriter's formatter: pure text transformations, no side effects, so it is `safe`. */
export const textFormatterTool = defineTool({
  name: "text_formatter",
  description:
    "Format or convert text: CSV or JSON rows to a markdown table, JSON pretty-printing or minifying, JSON ↔ YAML, " +
    "letter case (including snake/kebab/camel/pascal identifiers), and whitespace or line-ending normalization. " +
    "Give the text inline as `text` or name a workspace file as `path`; choose the operation in `format`. Returns the formatted text.",
  inputSchema: textFormatterInput,
  risk: "safe",
  limits: { timeoutMilliseconds: textFormatterLimits.timeoutMilliseconds, maxResultChars: textFormatterLimits.maxResultChars },
  async run(input, context) {
    const source = await readTextSource(input, context.workspace, textFormatterLimits.maxFileBytes);
    if (!source.ok) return { content: source.message, isError: true };
    const formatted = applyFormat(source.value, input.format);
    if (!formatted.ok) return { content: formatted.message, isError: true };
    return { content: capText(formatted.value, textFormatterLimits.maxResultChars) };
  },
});
