import { formatDuration } from "../chat/format-usage.js";
import { AttachmentList } from "../files/attachment-list.js";
import { Spinner } from "../ui/spinner.js";
import { summarizeToolInput } from "./summarize-tool-input.js";
import { ToolApprovalCard, type OnToolDecided } from "./tool-approval-card.js";
import { isToolCallFinished, toolCallStatusLabel, type ToolCallView } from "./tool-call-types.js";
import { ToolInput } from "./tool-input.js";

const decisionNotes = {
  user: { approved: "You approved this call.", rejected: "You rejected this call, so it did not run." },
  approval_timeout: { approved: "", rejected: "No decision came before the approval expired, so it did not run." },
  cancelled: { approved: "", rejected: "The answer was stopped while this call waited, so it did not run." },
} as const;

function ToolIcon() {
  return (
    <svg className="tool-call-icon" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M10.2 2.3a3.4 3.4 0 0 0-4 4.4L2.4 10.5a1.3 1.3 0 0 0 1.8 1.9l3.8-3.8a3.4 3.4 0 0 0 4.4-4l-2 2-1.7-.5-.5-1.7 2-2.1Z" />
    </svg>
  );
}

/**
 * One tool call: a one-line row (tool, what it was asked, status) that opens to the arguments and
 * the result as plain text. A call waiting for approval shows the approval card beneath it.
 */
export function ToolCallItem({ projectId, call, onDecided }: { projectId: string; call: ToolCallView; onDecided: OnToolDecided }) {
  const finished = isToolCallFinished(call.phase);
  const summary = summarizeToolInput(call.input);
  const note = call.decision ? decisionNotes[call.decision.reason][call.decision.decision] : "";
  return (
    <li className={`tool-call tool-call-${call.phase}`} data-tool-call-id={call.toolCallId} data-phase={call.phase}>
      <details>
        <summary>
          <ToolIcon />
          <span className="tool-call-name">{call.toolName}</span>
          <span className="tool-call-summary">{summary}</span>
          <span className={`tool-status tool-status-${call.phase}`}>
            {!finished && call.phase !== "awaiting_approval" && <Spinner size="small" />}
            {toolCallStatusLabel(call)}
            {finished && call.durationMilliseconds !== undefined && call.phase !== "rejected" && ` · ${formatDuration(call.durationMilliseconds)}`}
          </span>
        </summary>
        <div className="tool-call-body">
          {note && <p className="tool-call-note">{note}</p>}
          <h5 className="tool-call-heading">Input</h5>
          <ToolInput input={call.input} />
          {call.output !== undefined && (
            <>
              <h5 className="tool-call-heading">{call.phase === "completed" ? "Result" : "What the agent was told"}</h5>
              <pre className="tool-text tool-output" tabIndex={0}>
                {call.output || "(empty)"}
              </pre>
            </>
          )}
          {call.attachments.length > 0 && <AttachmentList projectId={projectId} attachments={call.attachments} />}
        </div>
      </details>
      {call.phase === "awaiting_approval" && call.approval && <ToolApprovalCard projectId={projectId} call={call} approval={call.approval} onDecided={onDecided} />}
    </li>
  );
}
