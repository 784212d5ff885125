import { useMemo } from "react";
import { CodeBlock } from "./code-block.js";
import type { Block, Inline } from "./markdown-ast.js";
import { parseMarkdown } from "./parse-blocks.js";

function InlineView({ node }: { node: Inline }) {
  switch (node.type) {
    case "text":
      return node.text;
    case "code":
      return <code className="inline-code">{node.text}</code>;
    case "strong":
      return <strong>{node.children.map(renderInline)}</strong>;
    case "emphasis":
      return <em>{node.children.map(renderInline)}</em>;
    case "strikethrough":
      return <del>{node.children.map(renderInline)}</del>;
    case "link":
      return (
        <a href={node.href} target="_blank" rel="noopener noreferrer nofollow">
          {node.children.map(renderInline)}
        </a>
      );
    case "image":
      // Loading it would tell an arbitrary host who read the message, and when.
      return node.href ? (
        <a className="image-reference" href={node.href} target="_blank" rel="noopener noreferrer nofollow">
          Image: {node.alt || node.href}
        </a>
      ) : (
        <span className="image-reference">Image: {node.alt}</span>
      );
    case "break":
      return <br />;
  }
}

function renderInline(node: Inline, index: number) {
  return <InlineView key={index} node={node} />;
}

function BlockView({ block }: { block: Block }) {
  switch (block.type) {
    case "paragraph":
      return <p>{block.children.map(renderInline)}</p>;
    case "heading": {
      const Heading = `h${Math.min(block.level + 2, 6)}` as "h3" | "h4" | "h5" | "h6";
      return <Heading className={`markdown-h${block.level}`}>{block.children.map(renderInline)}</Heading>;
    }
    case "code":
      return <CodeBlock language={block.language} text={block.text} />;
    case "list": {
      const items = block.items.map((item, index) => <li key={index}>{item.map(renderBlock)}</li>);
      return block.ordered ? <ol start={block.start}>{items}</ol> : <ul>{items}</ul>;
    }
    case "quote":
      return <blockquote>{block.children.map(renderBlock)}</blockquote>;
    case "table":
      return (
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead>
              <tr>
                {block.header.map((cell, column) => (
                  <th key={column} className={block.alignments[column] && `align-${block.alignments[column]}`}>
                    {cell.map(renderInline)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, rowIndex) => (
                <tr key={rowIndex}>
                  {row.map((cell, column) => (
                    <td key={column} className={block.alignments[column] && `align-${block.alignments[column]}`}>
                      {cell.map(renderInline)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case "rule":
      return <hr />;
  }
}

function renderBlock(block: Block, index: number) {
  return <BlockView key={index} block={block} />;
}

/**
 * Renders untrusted markdown (user text, model output, memories, tool output) as React text
 * nodes and a fixed set of elements: no HTML string is ever parsed, so nothing in a message
 * can add a script, an event handler or a request to another host.
 */
export function Markdown({ source }: { source: string }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return <div className="markdown">{blocks.map(renderBlock)}</div>;
}
