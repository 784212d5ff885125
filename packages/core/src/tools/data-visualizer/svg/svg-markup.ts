/**
 * Characters XML 1.0 does not allow (control characters other than tab and line breaks, lone
 * surrogates, U+FFFE/F), plus DEL and the C1 controls it merely discourages. Escaping cannot make
 * them legal, and one of them would make the whole image unreadable. With the `u` flag a
 * surrogate range matches only unpaired halves; emoji and other astral characters stay.
 */
const notAllowedInXml = /[^\P{Cc}\t\n\r]|[\uD800-\uDFFF\uFFFE\uFFFF]/gu;

/**
 * Makes any text safe as SVG text content or a quoted attribute value. Chart labels come from
 * data the model or a user supplied, so they are treated as hostile: after this, `<script>`,
 * `"><img onerror=…>` or `]]>` are inert characters, never markup.
 */
export function escapeXml(text: string): string {
  return text
    .replace(notAllowedInXml, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export type AttributeValue = string | number | undefined;

/**
 * One SVG element. Element and attribute names are always constants of this module's callers;
 * every attribute value and every text child goes through `escapeXml` (text children via `text`).
 */
export function element(name: string, attributes: Record<string, AttributeValue>, children: string[] = []): string {
  const rendered = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${typeof value === "number" ? formatCoordinate(value) : escapeXml(value)}"`)
    .join("");
  return children.length === 0 ? `<${name}${rendered}/>` : `<${name}${rendered}>${children.join("")}</${name}>`;
}

/** Escaped text content, the only way text enters the markup. */
export function text(content: string): string {
  return escapeXml(content);
}

/** Two decimals are finer than any screen needs, and keep large charts small. */
export function formatCoordinate(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? "0" : String(rounded);
}
