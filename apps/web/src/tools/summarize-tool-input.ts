const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value : undefined);

const firstLine = (value: string): string => value.split("\n").find((line) => line.trim() !== "")?.trim() ?? "";

function truncate(value: string, maxLength: number): string {
  const oneLine = value.replace(/\s+/g, " ").trim();
  return oneLine.length > maxLength ? `${oneLine.slice(0, maxLength - 1)}…` : oneLine;
}

/**
 * One short line saying what a call was asked to do, for the collapsed row: its kind (language,
 * chart, operation) and its subject (the code's first line, a path, a title, the text), or the
 * arguments as compact JSON when they have neither.
 */
export function summarizeToolInput(input: unknown, maxLength = 80): string {
  if (input === undefined) return "";
  if (!isRecord(input)) return truncate(JSON.stringify(input), maxLength);
  const format = isRecord(input.format) ? input.format : {};
  const kind = text(input.language) ?? (text(input.chart) && `${String(input.chart)} chart`) ?? text(format.operation);
  const code = text(input.code);
  const subject = (code && firstLine(code)) ?? text(input.path) ?? text(input.title) ?? (text(input.text) && firstLine(String(input.text)));
  const parts = [kind, subject].filter((part): part is string => part !== undefined && part !== "");
  return truncate(parts.length > 0 ? parts.join(" · ") : JSON.stringify(input), maxLength);
}
