import type { Outcome } from "../tool-support/outcome.js";
import { changeCase } from "./change-case.js";
import { jsonToYaml, yamlToJson } from "./convert-yaml.js";
import { formatJson } from "./format-json.js";
import { markdownTableFromText } from "./markdown-table.js";
import { normalizeWhitespace } from "./normalize-whitespace.js";
import type { FormatOperation } from "./text-formatter-input.js";

const defaultIndent = 2;

/** Runs one text_formatter operation, filling in the defaults the schema leaves to code. */
export function applyFormat(text: string, format: FormatOperation): Outcome<string> {
  switch (format.operation) {
    case "markdown_table":
      return markdownTableFromText(text, { inputFormat: format.input_format, delimiter: format.delimiter });
    case "json_pretty":
      return formatJson(text, { indent: format.indent ?? defaultIndent, minify: format.minify ?? false, sortKeys: format.sort_keys ?? false });
    case "json_to_yaml":
      return jsonToYaml(text, format.indent ?? defaultIndent);
    case "yaml_to_json":
      return yamlToJson(text, format.indent ?? defaultIndent);
    case "case":
      return { ok: true, value: changeCase(text, format.style) };
    case "whitespace":
      return {
        ok: true,
        value: normalizeWhitespace(text, {
          trimLines: format.trim_lines ?? false,
          collapseSpaces: format.collapse_spaces ?? true,
          removeTrailingSpaces: format.remove_trailing_spaces ?? true,
          lineEndings: format.line_endings ?? "lf",
          maxBlankLines: format.max_blank_lines,
        }),
      };
  }
}
