import { useMutation, useQueryClient } from "@tanstack/react-query";
import { formatCost, formatDuration } from "../chat/format-usage.js";
import { useTRPC } from "../trpc/trpc.js";
import { Spinner } from "../ui/spinner.js";
import { formatCountdown } from "./countdown.js";
import type { Plan } from "./plan-types.js";
import { useNow } from "./use-now.js";

/** The reason, the estimate and the deadline, with the user's two choices. */
export function ApprovalPanel({ projectId, plan }: { projectId: string; plan: Plan }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const now = useNow(1_000, true);
  const planKey = trpc.plans.get.queryKey({ projectId, planId: plan.id });
  const onDecided = (decided: Plan) => queryClient.setQueryData(planKey, decided);
  const approve = useMutation(trpc.plans.approve.mutationOptions({ onSuccess: onDecided }));
  const reject = useMutation(trpc.plans.reject.mutationOptions({ onSuccess: onDecided }));
  const expiresAt = plan.approvalExpiresAt ? Date.parse(plan.approvalExpiresAt) : undefined;
  const remaining = expiresAt === undefined ? undefined : expiresAt - now;
  const expired = remaining !== undefined && remaining <= 0;
  const deciding = approve.isPending || reject.isPending;
  const titleId = `approval-${plan.id}`;

  return (
    <section className="plan-approval" aria-labelledby={titleId}>
      <div className="plan-approval-text">
        <h4 id={titleId} className="plan-approval-title">
          Approval needed
        </h4>
        {plan.approvalReason && <p>{plan.approvalReason}</p>}
        <p className="plan-approval-estimate">
          Estimated <strong>{plan.estimate.costUsd === null ? "unknown cost" : formatCost(plan.estimate.costUsd)}</strong>
          {plan.estimate.durationMilliseconds !== null && <> · about {formatDuration(plan.estimate.durationMilliseconds)}</>}
        </p>
      </div>
      <div className="plan-approval-actions">
        {remaining !== undefined && (
          <span className={expired ? "countdown countdown-expired" : "countdown"} role="timer" aria-label="Time left to decide">
            {expired ? "Expired" : `Expires in ${formatCountdown(remaining)}`}
          </span>
        )}
        <button type="button" className="button" disabled={deciding || expired} onClick={() => reject.mutate({ projectId, planId: plan.id })}>
          {reject.isPending && <Spinner size="small" />}
          Reject
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={deciding || expired}
          onClick={() => approve.mutate({ projectId, planId: plan.id, version: plan.version })}
        >
          {approve.isPending && <Spinner size="small" />}
          Approve
        </button>
      </div>
    </section>
  );
}
