import { Markdown } from "../markdown/markdown.js";
import { formatDateTime } from "../ui/format-date.js";
import type { Memory } from "./agent-types.js";

export function MemoryItem({
  memory,
  score,
  deleting,
  onDelete,
}: {
  memory: Memory;
  score?: number;
  deleting: boolean;
  onDelete: () => void;
}) {
  return (
    <li className="memory-item">
      <Markdown source={memory.content} />
      <div className="memory-footer">
        <span>{formatDateTime(memory.createdAt)}</span>
        {score !== undefined && <span className="memory-score">{Math.round(score * 100)}% match</span>}
        <button type="button" className="button button-ghost button-small button-danger-text" onClick={onDelete} disabled={deleting}>
          {deleting ? "Deleting…" : "Delete"}
        </button>
      </div>
    </li>
  );
}
