import type { ChartKind } from "./chart-kind.js";

export const chartsDirectory = "charts";

const maxNameLength = 60;

export interface ChartNameRequest {
  /** Asked for by the model: used as given (made safe), replacing a chart of the same name. */
  name?: string | undefined;
  title?: string | undefined;
  kind: ChartKind;
  x: string;
  y: string[];
}

/**
 * The workspace path of a chart: always `charts/<slug>.svg`, whatever the model asked for, so a
 * name cannot reach another directory or file type. Without a name, one is made from the title
 * (or the columns) plus a random suffix, so a new chart never silently replaces an earlier one
 * still shown in the chat.
 */
export function chartPath(request: ChartNameRequest, randomSuffix: string): string {
  const asked = slug((request.name ?? "").replace(/\.svg$/i, ""));
  if (asked) return `${chartsDirectory}/${asked}.svg`;
  const base = slug(request.title ?? "") || columnsSlug(request) || request.kind;
  return `${chartsDirectory}/${base.slice(0, maxNameLength - randomSuffix.length - 1)}-${randomSuffix}.svg`;
}

function columnsSlug(request: ChartNameRequest): string {
  const values = slug(request.y.join(" "));
  const x = slug(request.x);
  return values && x ? `${values}-by-${x}` : values;
}

/** Lower-case ASCII letters, digits, `-` and `_`; accents are dropped, everything else becomes `-`. */
export function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "")
    .slice(0, maxNameLength)
    .replace(/[-_]+$/, "");
}
