export const caseStyles = ["upper", "lower", "title", "sentence", "snake", "kebab", "camel", "pascal"] as const;

export type CaseStyle = (typeof caseStyles)[number];

/**
 * Prose styles (upper, lower, title, sentence) keep the text's shape. Identifier styles (snake,
 * kebab, camel, pascal) turn each line into one identifier, so a list of names converts name by
 * name.
 */
export function changeCase(text: string, style: CaseStyle): string {
  switch (style) {
    case "upper":
      return text.toUpperCase();
    case "lower":
      return text.toLowerCase();
    case "title":
      return text.toLowerCase().replace(/\p{L}[\p{L}\p{M}\p{N}'’]*/gu, capitalize);
    case "sentence":
      return toSentenceCase(text);
    case "snake":
      return mapLines(text, (words) => words.map((word) => word.toLowerCase()).join("_"));
    case "kebab":
      return mapLines(text, (words) => words.map((word) => word.toLowerCase()).join("-"));
    case "camel":
      return mapLines(text, (words) => words.map((word, index) => (index === 0 ? word.toLowerCase() : capitalize(word.toLowerCase()))).join(""));
    case "pascal":
      return mapLines(text, (words) => words.map((word) => capitalize(word.toLowerCase())).join(""));
  }
}

/**
 * Splits an identifier or phrase into words: at anything that is not a letter or digit, and at
 * case changes inside a word ("parseHTTPResponse" → parse, HTTP, Response).
 */
export function splitWords(text: string): string[] {
  return text
    .replace(/(\p{Ll}|\p{N})(\p{Lu})/gu, "$1 $2")
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, "$1 $2")
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

function mapLines(text: string, join: (words: string[]) => string): string {
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part, index) => (index % 2 === 1 ? part : join(splitWords(part))))
    .join("");
}

function capitalize(word: string): string {
  const [first = "", ...rest] = word;
  return first.toUpperCase() + rest.join("");
}

/** Capitalizes the first letter of the text, of each sentence and of each paragraph; lowers the rest. */
function toSentenceCase(text: string): string {
  return text.toLowerCase().replace(/(^|[.!?]\s+|\n\s*\n\s*)(\p{Ll})/gu, (_match, before: string, letter: string) => before + letter.toUpperCase());
}
