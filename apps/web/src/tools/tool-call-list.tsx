import type { OnToolDecided } from "./tool-approval-card.js";
import { ToolCallItem } from "./tool-call-item.js";
import type { ToolCallView } from "./tool-call-types.js";

/** The calls an answer made, in the order it made them. */
export function ToolCallList({ projectId, calls, onDecided }: { projectId: string; calls: readonly ToolCallView[]; onDecided: OnToolDecided }) {
  if (calls.length === 0) return null;
  return (
    <ol className="tool-calls" aria-label="Tool calls">
      {calls.map((call) => (
        <ToolCallItem key={call.toolCallId} projectId={projectId} call={call} onDecided={onDecided} />
      ))}
    </ol>
  );
}
