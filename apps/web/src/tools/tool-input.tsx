import { CodeBlock } from "../markdown/code-block.js";

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A call's arguments as text: code as a highlighted block, everything else as indented JSON. Both
 * are React text nodes, so whatever the model wrote into them is shown, never interpreted.
 */
export function ToolInput({ input }: { input: unknown }) {
  if (input === undefined) return <p className="muted">The arguments were not received.</p>;
  if (isRecord(input) && typeof input.code === "string") {
    const { code, language, ...rest } = input;
    return (
      <>
        <CodeBlock language={typeof language === "string" ? language : ""} text={code} />
        {Object.keys(rest).length > 0 && <pre className="tool-text">{JSON.stringify(rest, null, 2)}</pre>}
      </>
    );
  }
  return <pre className="tool-text">{JSON.stringify(input, null, 2)}</pre>;
}
