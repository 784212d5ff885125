import { z } from "zod";
import { csvDelimiters } from "../tabular/csv-delimiter.js";
import { caseStyles } from "./change-case.js";

export const maxInlineTextChars = 200_000;

const indent = z.number().int().min(1).max(8).optional().describe("Spaces per indentation level (default 2).");

/**
 * The operation is a discriminated union nested under `format` rather than the root of the
 * arguments: OpenAI-compatible APIs reject a function whose parameter schema has `oneOf` at the
 * top level, and would then refuse every request that lists this tool. Options are optional with
 * defaults applied in code, because a zod `.default()` shows up as a required field in the JSON
 * schema the model sees.
 */
const operation = z.discriminatedUnion("operation", [
  z
    .object({
      operation: z.literal("markdown_table"),
      input_format: z.enum(["csv", "json"]).optional().describe("csv, or json (an array of objects). Guessed when absent."),
      delimiter: z.enum(csvDelimiters).optional().describe("CSV delimiter. Guessed from the header line when absent."),
    })
    .describe("CSV or a JSON array of objects → an aligned GitHub markdown table."),
  z
    .object({
      operation: z.literal("json_pretty"),
      indent,
      minify: z.boolean().optional().describe("Print on one line with no spaces instead."),
      sort_keys: z.boolean().optional().describe("Sort object keys alphabetically at every depth."),
    })
    .describe("Validate JSON and pretty-print or minify it."),
  z.object({ operation: z.literal("json_to_yaml"), indent }).describe("JSON → YAML."),
  z.object({ operation: z.literal("yaml_to_json"), indent }).describe("YAML → pretty JSON; several documents become an array."),
  z
    .object({
      operation: z.literal("case"),
      style: z
        .enum(caseStyles)
        .describe("upper, lower, title and sentence keep the text's shape; snake, kebab, camel and pascal turn each line into an identifier."),
    })
    .describe("Change letter case."),
  z
    .object({
      operation: z.literal("whitespace"),
      trim_lines: z.boolean().optional().describe("Strip both ends of every line, indentation included (default false)."),
      collapse_spaces: z.boolean().optional().describe("Collapse runs of spaces and tabs inside lines, keeping indentation (default true)."),
      remove_trailing_spaces: z.boolean().optional().describe("Remove spaces at line ends (default true)."),
      line_endings: z.enum(["lf", "crlf"]).optional().describe("Line endings of the result (default lf)."),
      max_blank_lines: z.number().int().min(0).max(10).optional().describe("Shorten longer runs of blank lines to this many."),
    })
    .describe("Normalize whitespace and line endings."),
]);

export const textFormatterInput = z.object({
  text: z.string().max(maxInlineTextChars).optional().describe("The text to format. Give this or `path`."),
  path: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .describe("A file in the project's workspace to read the text from, relative to its root (e.g. data/sales.csv). Give this or `text`."),
  format: operation.describe("What to do with the text."),
});

export type TextFormatterInput = z.infer<typeof textFormatterInput>;

export type FormatOperation = TextFormatterInput["format"];
