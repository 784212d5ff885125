import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SessionEvent } from "../chat/chat-types.js";
import { formatCost, formatDuration, formatTokens } from "../chat/format-usage.js";
import { useTRPC } from "../trpc/trpc.js";
import { ErrorAlert } from "../ui/error-alert.js";
import { ApprovalPanel } from "./approval-panel.js";
import { applyPlanEvent, taskOutputs } from "./apply-plan-event.js";
import { PlanGraph } from "./plan-graph.js";
import { PlanTaskList } from "./plan-task-list.js";
import { isPlanFinished, planStatusLabels, type Plan } from "./plan-types.js";

const endReasons: Record<string, string> = { user: "You rejected this plan.", approval_timeout: "No decision came before the approval expired." };

function PlanNumbers({ plan }: { plan: Plan }) {
  const { estimate, actual } = plan;
  const finished = isPlanFinished(plan.status);
  return (
    <dl className="plan-numbers">
      <div>
        <dt>Estimate</dt>
        <dd>
          {estimate.costUsd === null ? "—" : formatCost(estimate.costUsd)}
          {estimate.durationMilliseconds !== null && ` · ~${formatDuration(estimate.durationMilliseconds)}`}
        </dd>
      </div>
      {finished && actual.costUsd !== null && (
        <div>
          <dt>Actual</dt>
          <dd>
            {formatCost(actual.costUsd)}
            {actual.durationMilliseconds !== null && ` · ${formatDuration(actual.durationMilliseconds)}`}
            {actual.promptTokens !== null && actual.completionTokens !== null && ` · ${formatTokens(actual.promptTokens + actual.completionTokens)}`}
          </dd>
        </div>
      )}
    </dl>
  );
}

/** An orchestrated request: its plan as a live graph, the approval it waits for, and what it cost. */
export function PlanCard({ projectId, planId, events }: { projectId: string; planId: string; events: readonly SessionEvent[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fetched = useQuery(trpc.plans.get.queryOptions({ projectId, planId }));
  const cancel = useMutation(
    trpc.plans.cancel.mutationOptions({
      onSuccess: (plan) => queryClient.setQueryData(trpc.plans.get.queryKey({ projectId, planId }), plan),
    }),
  );

  if (fetched.isPending) return <div className="plan-card plan-card-loading skeleton" aria-busy="true" aria-label="Loading plan" />;
  if (fetched.isError) return <ErrorAlert error={fetched.error} onRetry={() => void fetched.refetch()} />;

  const plan = events.reduce(applyPlanEvent, fetched.data);
  const outputs = taskOutputs(events);
  const titleId = `plan-${plan.id}`;
  return (
    <section className={`plan-card plan-card-${plan.status}`} aria-labelledby={titleId} data-plan-status={plan.status}>
      <header className="plan-header">
        <div className="plan-heading">
          <h3 id={titleId} className="plan-title">
            Plan · {plan.tasks.length} {plan.tasks.length === 1 ? "task" : "tasks"}
          </h3>
          <span className={`plan-status plan-status-${plan.status}`}>{planStatusLabels[plan.status]}</span>
          {plan.cached && <span className="chip">reused plan</span>}
        </div>
        <PlanNumbers plan={plan} />
      </header>
      <PlanGraph plan={plan} />
      {plan.status === "pending_approval" && <ApprovalPanel projectId={projectId} plan={plan} />}
      {plan.status === "executing" && (
        <div className="plan-running">
          <span className="muted">Agents are working; their output streams below.</span>
          <button type="button" className="button button-small" disabled={cancel.isPending} onClick={() => cancel.mutate({ projectId, planId })}>
            Cancel plan
          </button>
        </div>
      )}
      {plan.status === "rejected" && <p className="plan-end-note">{endReasons[plan.endReason ?? ""] ?? "This plan was rejected."}</p>}
      {plan.status === "failed" && plan.endReason && <p className="plan-end-note message-error">{plan.endReason}</p>}
      <PlanTaskList plan={plan} outputs={outputs} />
    </section>
  );
}
