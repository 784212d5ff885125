/** What the renderer draws: plain data, never HTML, so nothing in a message can become markup. */
export type Inline =
  | { type: "text"; text: string }
  | { type: "code"; text: string }
  | { type: "strong"; children: Inline[] }
  | { type: "emphasis"; children: Inline[] }
  | { type: "strikethrough"; children: Inline[] }
  /** `href` is already checked: only http(s) URLs become links. */
  | { type: "link"; href: string; children: Inline[] }
  /** Images are never loaded from a message; the renderer shows a link to them instead. */
  | { type: "image"; href: string | undefined; alt: string }
  | { type: "break" };

export type TableAlignment = "left" | "center" | "right" | undefined;

export type Block =
  | { type: "paragraph"; children: Inline[] }
  | { type: "heading"; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { type: "code"; language: string; text: string }
  | { type: "list"; ordered: boolean; start: number; items: Block[][] }
  | { type: "quote"; children: Block[] }
  | { type: "table"; alignments: TableAlignment[]; header: Inline[][]; rows: Inline[][][] }
  | { type: "rule" };
