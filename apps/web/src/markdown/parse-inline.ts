import type { Inline } from "./markdown-ast.js";
import { safeHref } from "./safe-url.js";

const escapable = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;
const wordCharacter = /[\p{L}\p{N}]/u;
const bareUrl = /^https?:\/\/[^\s<>"'`]+/;
const angleAutolink = /^<(https?:\/\/[^\s<>]+)>/;

interface InlineOptions {
  /** Inside a link's text, so a nested link stays text. */
  insideLink: boolean;
}

/** Trailing punctuation belongs to the sentence, not the URL, unless it closes a "(" in the URL. */
function trimUrl(url: string): string {
  let end = url.length;
  while (end > 0) {
    const last = url[end - 1] ?? "";
    if (/[.,;:!?*_~]/.test(last)) end -= 1;
    else if (last === ")" && url.slice(0, end).split("(").length < url.slice(0, end).split(")").length) end -= 1;
    else break;
  }
  return url.slice(0, end);
}

function runLength(text: string, start: number, character: string): number {
  let end = start;
  while (text[end] === character) end += 1;
  return end - start;
}

/** Index of the closing `delimiter` for one opened at `from`, or -1. */
function findClosing(text: string, from: number, delimiter: string): number {
  const character = delimiter.charAt(0);
  for (let index = text.indexOf(delimiter, from); index !== -1; index = text.indexOf(delimiter, index + 1)) {
    const before = text[index - 1] ?? "";
    const after = text[index + delimiter.length] ?? "";
    if (before === "\\" || /\s/.test(before)) continue;
    // "**" must not be read as the end of "*…*", nor "*" as half of "**".
    if (after === character || before === character) continue;
    if (character === "_" && wordCharacter.test(after)) continue;
    return index;
  }
  return -1;
}

/** The `(destination "title")` after a link's text, or undefined when there is none. */
function readDestination(text: string, open: number): { destination: string; end: number } | undefined {
  if (text[open] !== "(") return undefined;
  let index = open + 1;
  while (text[index] === " ") index += 1;
  let destination = "";
  if (text[index] === "<") {
    const close = text.indexOf(">", index);
    if (close === -1) return undefined;
    destination = text.slice(index + 1, close);
    index = close + 1;
  } else {
    let depth = 0;
    const start = index;
    while (index < text.length && !/\s/.test(text[index] ?? "")) {
      const character = text[index];
      if (character === "(") depth += 1;
      if (character === ")") {
        if (depth === 0) break;
        depth -= 1;
      }
      index += 1;
    }
    destination = text.slice(start, index);
  }
  while (text[index] === " ") index += 1;
  const quote = text[index];
  if (quote === '"' || quote === "'") {
    const close = text.indexOf(quote, index + 1);
    if (close === -1) return undefined;
    index = close + 1;
    while (text[index] === " ") index += 1;
  }
  return text[index] === ")" ? { destination, end: index + 1 } : undefined;
}

/** Index of the "]" closing the "[" at `open`, skipping nested brackets and escapes. */
function findLabelEnd(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index += 1) {
    const character = text[index];
    if (character === "\\") index += 1;
    else if (character === "[") depth += 1;
    else if (character === "]") {
      depth -= 1;
      if (depth === 0) return index;
    }
  }
  return -1;
}

function plainText(nodes: Inline[]): string {
  return nodes
    .map((node) => {
      switch (node.type) {
        case "text":
        case "code":
          return node.text;
        case "image":
          return node.alt;
        case "break":
          return " ";
        case "strong":
        case "emphasis":
        case "strikethrough":
        case "link":
          return plainText(node.children);
      }
    })
    .join("");
}

function parse(text: string, options: InlineOptions): Inline[] {
  const nodes: Inline[] = [];
  let plain = "";
  const flush = () => {
    if (plain) nodes.push({ type: "text", text: plain });
    plain = "";
  };
  const push = (node: Inline) => {
    flush();
    nodes.push(node);
  };

  let index = 0;
  while (index < text.length) {
    const character = text[index] ?? "";
    const rest = text.slice(index);

    if (character === "\\") {
      const next = text[index + 1] ?? "";
      if (next === "\n") {
        push({ type: "break" });
        index += 2;
        continue;
      }
      if (escapable.test(next)) {
        plain += next;
        index += 2;
        continue;
      }
    }

    if (character === "`") {
      const length = runLength(text, index, "`");
      const fence = "`".repeat(length);
      let close = text.indexOf(fence, index + length);
      while (close !== -1 && text[close + length] === "`") close = text.indexOf(fence, close + runLength(text, close, "`"));
      if (close === -1) {
        plain += fence;
        index += length;
        continue;
      }
      let code = text.slice(index + length, close).replace(/\n/g, " ");
      if (code.length > 2 && code.startsWith(" ") && code.endsWith(" ")) code = code.slice(1, -1);
      push({ type: "code", text: code });
      index = close + length;
      continue;
    }

    const isImage = character === "!" && text[index + 1] === "[";
    if ((character === "[" || isImage) && !options.insideLink) {
      const open = isImage ? index + 1 : index;
      const labelEnd = findLabelEnd(text, open);
      const target = labelEnd === -1 ? undefined : readDestination(text, labelEnd + 1);
      if (target) {
        const label = parse(text.slice(open + 1, labelEnd), { insideLink: true });
        const href = safeHref(target.destination);
        if (isImage) push({ type: "image", href, alt: plainText(label) });
        else if (href) push({ type: "link", href, children: label });
        else {
          // A refused URL leaves its text behind, as text.
          flush();
          nodes.push(...label);
        }
        index = target.end;
        continue;
      }
    }

    if (character === "<" && !options.insideLink) {
      const match = angleAutolink.exec(rest);
      const href = match?.[1] ? safeHref(match[1]) : undefined;
      if (match && href) {
        push({ type: "link", href, children: [{ type: "text", text: match[1] ?? "" }] });
        index += match[0].length;
        continue;
      }
    }

    if (character === "h" && !options.insideLink && !wordCharacter.test(text[index - 1] ?? "")) {
      const match = bareUrl.exec(rest);
      const url = match ? trimUrl(match[0]) : "";
      const href = url ? safeHref(url) : undefined;
      if (href) {
        push({ type: "link", href, children: [{ type: "text", text: url }] });
        index += url.length;
        continue;
      }
    }

    if (character === "~" && text[index + 1] === "~") {
      const close = text.indexOf("~~", index + 2);
      if (close > index + 2) {
        push({ type: "strikethrough", children: parse(text.slice(index + 2, close), options) });
        index = close + 2;
        continue;
      }
    }

    if (character === "*" || character === "_") {
      const length = Math.min(runLength(text, index, character), 3);
      const opensWord = !/\s/.test(text[index + length] ?? " ");
      const intraword = character === "_" && wordCharacter.test(text[index - 1] ?? "");
      if (opensWord && !intraword) {
        const strong = length >= 2 ? findClosing(text, index + 2, character.repeat(2)) : -1;
        if (strong > index + 2) {
          push({ type: "strong", children: parse(text.slice(index + 2, strong), options) });
          index = strong + 2;
          continue;
        }
        const emphasis = length === 1 ? findClosing(text, index + 1, character) : -1;
        if (emphasis > index + 1) {
          push({ type: "emphasis", children: parse(text.slice(index + 1, emphasis), options) });
          index = emphasis + 1;
          continue;
        }
      }
      plain += character.repeat(length);
      index += length;
      continue;
    }

    if (character === "\n") {
      if (plain.endsWith("  ")) {
        plain = plain.trimEnd();
        push({ type: "break" });
      } else {
        plain = plain.trimEnd() + "\n";
      }
      index += 1;
      continue;
    }

    plain += character;
    index += 1;
  }
  flush();
  return nodes;
}

/** Inline markdown: code spans, emphasis, strikethrough, links (http(s) only), images as links, breaks. */
export function parseInline(text: string): Inline[] {
  return parse(text, { insideLink: false });
}
