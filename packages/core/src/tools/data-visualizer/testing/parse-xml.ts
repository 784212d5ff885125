/** An element of a parsed XML document, entities already decoded. */
export interface XmlElement {
  name: string;
  attributes: Map<string, string>;
  children: (XmlElement | string)[];
}

/**
 * A strict parser for the XML subset the charts use (elements, attributes in double quotes,
 * text, the five named entities and numeric references). Anything else — a comment, CDATA, a
 * processing instruction, a stray `<`, an unknown entity, an unbalanced tag — is an error, so a
 * test that parses a chart proves the markup is well-formed and contains nothing unexpected.
 */
export function parseXml(source: string): XmlElement {
  if (/[^\P{Cc}\t\n\r]/u.test(source)) throw new Error("control character in the document");
  const token = /<\/([A-Za-z][\w:.-]*)\s*>|<([A-Za-z][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*\s*=\s*"[^"]*")*)\s*(\/?)>|([^<]+)|</y;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (token.lastIndex < source.length) {
    const at = token.lastIndex;
    const match = token.exec(source);
    if (!match) throw new Error(`cannot parse at ${at}`);
    const [whole, closing, opening, attributeText, selfClosing, textContent] = match;
    if (closing !== undefined) {
      const open = stack.pop();
      if (open?.name !== closing) throw new Error(`</${closing}> at ${at} closes <${open?.name ?? "nothing"}>`);
      if (stack.length === 0) root = open;
    } else if (opening !== undefined) {
      if (root || (stack.length === 0 && at !== 0)) throw new Error(`second root element <${opening}> at ${at}`);
      const node: XmlElement = { name: opening, attributes: parseAttributes(attributeText ?? "", at), children: [] };
      stack.at(-1)?.children.push(node);
      if (selfClosing) {
        if (stack.length === 0) root = node;
      } else {
        stack.push(node);
      }
    } else if (textContent !== undefined) {
      const parent = stack.at(-1);
      if (!parent) {
        if (textContent.trim() !== "") throw new Error(`text outside the root element at ${at}`);
        continue;
      }
      if (textContent.includes("]]>")) throw new Error(`"]]>" in text at ${at}`);
      parent.children.push(decodeEntities(textContent, at));
    } else {
      throw new Error(`stray "<" at ${at}: ${JSON.stringify(source.slice(at, at + 20))} (${whole})`);
    }
  }
  if (stack.length > 0) throw new Error(`<${stack.at(-1)?.name}> is never closed`);
  if (!root) throw new Error("no root element");
  return root;
}

/** Every element of the tree, the root first. */
export function allElements(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap((child) => (typeof child === "string" ? [] : allElements(child)))];
}

/** The decoded text inside an element and its descendants. */
export function textOf(node: XmlElement): string {
  return node.children.map((child) => (typeof child === "string" ? child : textOf(child))).join("");
}

function parseAttributes(text: string, at: number): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const [, name = "", value = ""] of text.matchAll(/\s+([A-Za-z_:][\w:.-]*)\s*=\s*"([^"]*)"/g)) {
    if (attributes.has(name)) throw new Error(`duplicate attribute ${name} at ${at}`);
    if (value.includes("<")) throw new Error(`"<" in the value of ${name} at ${at}`);
    attributes.set(name, decodeEntities(value, at));
  }
  return attributes;
}

const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(text: string, at: number): string {
  return text.replace(/&([^;&\s]*);?/g, (reference: string, name: string) => {
    if (!reference.endsWith(";")) throw new Error(`unterminated "&" near ${at}`);
    const numeric = /^#(?:x([0-9a-fA-F]+)|(\d+))$/.exec(name);
    if (numeric) return String.fromCodePoint(numeric[1] ? Number.parseInt(numeric[1], 16) : Number(numeric[2]));
    const character = named[name];
    if (character === undefined) throw new Error(`unknown entity &${name}; near ${at}`);
    return character;
  });
}
