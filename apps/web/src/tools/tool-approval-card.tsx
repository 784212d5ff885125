import { useMutation } from "@tanstack/react-query";
import { formatCountdown } from "../plans/countdown.js";
import { useNow } from "../plans/use-now.js";
import { useTRPC } from "../trpc/trpc.js";
import { Spinner } from "../ui/spinner.js";
import type { ApprovalDecision, ToolCallView } from "./tool-call-types.js";
import { ToolInput } from "./tool-input.js";

/** The server's reason is a clause ("code_executor runs code on your behalf"); shown as a sentence whatever its ending. */
const asSentence = (reason: string) => (/[.!?]$/.test(reason.trim()) ? reason.trim() : `${reason.trim()}.`);

export type OnToolDecided = (call: ToolCallView, decision: ApprovalDecision) => void;

/**
 * A dangerous call waiting for the user: what would run, why it asks, and the deadline, with the
 * two choices. Like the plan's approval, an expired deadline disables both; the server then
 * refuses the call and its events take the card away.
 */
export function ToolApprovalCard({ projectId, call, approval, onDecided }: { projectId: string; call: ToolCallView; approval: NonNullable<ToolCallView["approval"]>; onDecided: OnToolDecided }) {
  const trpc = useTRPC();
  const now = useNow(1_000, true);
  const approve = useMutation(trpc.toolCalls.approve.mutationOptions({ onSuccess: () => onDecided(call, "approved") }));
  const reject = useMutation(trpc.toolCalls.reject.mutationOptions({ onSuccess: () => onDecided(call, "rejected") }));
  const remaining = Date.parse(approval.expiresAt) - now;
  const expired = remaining <= 0;
  const deciding = approve.isPending || reject.isPending;
  const titleId = `tool-approval-${call.toolCallId}`;
  const input = { projectId, toolCallId: call.toolCallId };

  return (
    <section className="tool-approval" aria-labelledby={titleId} data-expired={expired || undefined}>
      <div className="tool-approval-header">
        <div className="tool-approval-text">
          <h4 id={titleId} className="tool-approval-title">
            Approval needed
          </h4>
          <p>{asSentence(approval.reason)} Nothing runs until you approve it.</p>
        </div>
        <div className="tool-approval-actions">
          <span className={expired ? "countdown countdown-expired" : "countdown"} role="timer" aria-label="Time left to decide">
            {expired ? "Expired" : `Expires in ${formatCountdown(remaining)}`}
          </span>
          <button type="button" className="button" disabled={deciding || expired} onClick={() => reject.mutate(input)}>
            {reject.isPending && <Spinner size="small" />}
            Reject
          </button>
          <button type="button" className="button button-primary" disabled={deciding || expired} onClick={() => approve.mutate(input)}>
            {approve.isPending && <Spinner size="small" />}
            Approve
          </button>
        </div>
      </div>
      <div className="tool-approval-input">
        <ToolInput input={call.input} />
      </div>
    </section>
  );
}
