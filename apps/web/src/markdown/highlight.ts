export type TokenKind = "plain" | "comment" | "string" | "number" | "keyword" | "literal" | "function" | "property" | "variable";

export interface Token {
  kind: TokenKind;
  text: string;
}

interface Grammar {
  /** Tried in order at each position; every pattern is sticky (`y`). */
  rules: Array<[TokenKind, RegExp]>;
  keywords: ReadonlySet<string>;
  literals: ReadonlySet<string>;
  caseInsensitive?: boolean;
}

const words = (list: string) => new Set(list.split(" "));
const number: [TokenKind, RegExp] = ["number", /\b(?:0x[\da-f_]+|\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?n?)\b/iy];
const doubleQuoted: [TokenKind, RegExp] = ["string", /"(?:[^"\\\n]|\\.)*"?/y];
const singleQuoted: [TokenKind, RegExp] = ["string", /'(?:[^'\\\n]|\\.)*'?/y];
const call: [TokenKind, RegExp] = ["function", /[A-Za-z_$][\w$]*(?=\s*\()/y];

const cLike = (keywords: string, literals = "true false null"): Grammar => ({
  rules: [
    ["comment", /\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)/y],
    doubleQuoted,
    singleQuoted,
    ["string", /`(?:[^`\\]|\\[\s\S])*`?/y],
    number,
    call,
  ],
  keywords: words(keywords),
  literals: words(literals),
});

const javascript = cLike(
  "async await break case catch class const continue debugger default delete do else export extends finally for from function get if import in instanceof interface let new of return set static super switch this throw try type typeof var void while with yield enum implements private protected public readonly abstract declare namespace keyof as satisfies",
  "true false null undefined NaN Infinity",
);

const python: Grammar = {
  rules: [
    ["comment", /#[^\n]*/y],
    ["string", /[rbfu]{0,2}(?:"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$))/iy],
    ["string", /[rbfu]{0,2}(?:"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?)/iy],
    ["variable", /@[\w.]+/y],
    number,
    call,
  ],
  keywords: words(
    "and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case self",
  ),
  literals: words("True False None"),
};

const shell: Grammar = {
  rules: [
    ["comment", /#[^\n]*/y],
    doubleQuoted,
    ["string", /'[^']*'?/y],
    ["variable", /\$(?:\{[^}\n]*\}?|[\w@*#?$!-]+)/y],
    number,
  ],
  keywords: words("if then else elif fi for in do done while until case esac function return export local readonly sudo cd echo exit"),
  literals: words("true false"),
};

const json: Grammar = {
  rules: [["property", /"(?:[^"\\\n]|\\.)*"(?=\s*:)/y], doubleQuoted, number],
  keywords: words(""),
  literals: words("true false null"),
};

const sql: Grammar = {
  rules: [["comment", /--[^\n]*|\/\*[\s\S]*?(?:\*\/|$)/y], singleQuoted, doubleQuoted, number, call],
  keywords: words(
    "select from where and or not insert into values update set delete create table drop alter add index on join left right inner outer full group by order having limit offset as distinct union all case when then else end primary key references foreign default unique returning with in is like between exists",
  ),
  literals: words("null true false"),
  caseInsensitive: true,
};

const css: Grammar = {
  rules: [["comment", /\/\*[\s\S]*?(?:\*\/|$)/y], doubleQuoted, singleQuoted, ["property", /[\w-]+(?=\s*:)/y], ["number", /-?\d*\.?\d+(?:[a-z%]+)?/iy]],
  keywords: words("important media supports import from to"),
  literals: words(""),
};

const grammars: Record<string, Grammar> = {
  js: javascript,
  javascript,
  jsx: javascript,
  ts: javascript,
  typescript: javascript,
  tsx: javascript,
  mjs: javascript,
  py: python,
  python,
  sh: shell,
  bash: shell,
  shell,
  zsh: shell,
  console: shell,
  json,
  jsonc: json,
  sql,
  css,
  go: cLike("break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var", "true false nil iota"),
  rust: cLike("as async await break const continue crate dyn else enum extern fn for if impl in let loop match mod move mut pub ref return self Self static struct super trait type unsafe use where while", "true false None Some Ok Err"),
  java: cLike("abstract assert break case catch class const continue default do else enum extends final finally for if implements import instanceof interface native new package private protected public return static super switch synchronized this throw throws try void volatile while var record"),
  c: cLike("auto break case char const continue default do double else enum extern float for goto if int long register return short signed sizeof static struct switch typedef union unsigned void volatile while include define", "true false NULL"),
  cpp: cLike("auto break case catch char class const constexpr continue default delete do double else enum explicit extern float for friend goto if inline int long namespace new operator private protected public return short signed sizeof static struct switch template this throw try typedef typename union unsigned using virtual void volatile while include define", "true false nullptr NULL"),
};

/** Whether `language` (a fence's info string) has a grammar here. */
export function isHighlighted(language: string): boolean {
  return language in grammars;
}

/**
 * Splits code into coloured tokens with a few regular expressions per language: not a parser,
 * but enough to read code in a chat. Unknown languages come back as one plain token.
 */
export function highlight(code: string, language: string): Token[] {
  const grammar = grammars[language];
  if (!grammar) return [{ kind: "plain", text: code }];
  const tokens: Token[] = [];
  const push = (kind: TokenKind, text: string) => {
    const last = tokens.at(-1);
    if (last && last.kind === kind) last.text += text;
    else tokens.push({ kind, text });
  };
  const identifier = /[A-Za-z_$][\w$]*/y;
  let index = 0;
  outer: while (index < code.length) {
    for (const [kind, pattern] of grammar.rules) {
      pattern.lastIndex = index;
      const match = pattern.exec(code);
      if (match && match[0].length > 0) {
        const word = grammar.caseInsensitive ? match[0].toLowerCase() : match[0];
        push(kind === "function" && grammar.keywords.has(word) ? "keyword" : kind, match[0]);
        index += match[0].length;
        continue outer;
      }
    }
    identifier.lastIndex = index;
    const match = identifier.exec(code);
    if (match) {
      const word = grammar.caseInsensitive ? match[0].toLowerCase() : match[0];
      push(grammar.keywords.has(word) ? "keyword" : grammar.literals.has(word) ? "literal" : "plain", match[0]);
      index += match[0].length;
      continue;
    }
    push("plain", code.charAt(index));
    index += 1;
  }
  return tokens;
}
