/**
 * Integer literals in JSON text that a JavaScript number cannot hold exactly (beyond 2^53, such
 * as 64-bit ids). Parsing rounds them silently, so formatters warn instead of altering data
 * unnoticed. String contents are skipped: digits inside quotes are text, not numbers.
 */
export function findUnsafeIntegers(jsonText: string, limit = 3): string[] {
  const found: string[] = [];
  const integer = /-?\d+(?![\d.eE])/y;
  let index = 0;
  while (index < jsonText.length && found.length < limit) {
    const char = jsonText[index];
    if (char === '"') {
      index = endOfString(jsonText, index);
      continue;
    }
    if (char === "-" || (char !== undefined && char >= "0" && char <= "9")) {
      integer.lastIndex = index;
      const match = integer.exec(jsonText);
      const literal = match?.[0];
      if (literal !== undefined && !Number.isSafeInteger(Number(literal))) found.push(literal);
      index = skipNumber(jsonText, index);
      continue;
    }
    index += 1;
  }
  return found;
}

export function unsafeIntegerWarning(literals: string[]): string {
  return (
    `Warning: ${literals.join(", ")} ${literals.length === 1 ? "is" : "are"} too large to be kept exactly and ` +
    `${literals.length === 1 ? "was" : "were"} rounded; store such ids as strings.\n\n`
  );
}

function endOfString(text: string, openingQuote: number): number {
  let index = openingQuote + 1;
  while (index < text.length) {
    if (text[index] === "\\") index += 2;
    else if (text[index] === '"') return index + 1;
    else index += 1;
  }
  return index;
}

function skipNumber(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length && /[\d.eE+-]/.test(text[index] ?? "")) index += 1;
  return index;
}
