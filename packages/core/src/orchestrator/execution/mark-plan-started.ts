import type { Database } from "@codelab/db";
import type { PlanEventScope } from "../../events/event-bus.js";
import type { Clock } from "../../ports/clock.js";
import type { PlanEvent, RecordedPlanEvent } from "../plan-events.js";

/**
 * Stamps the start of an executing plan with `plan-start`, once: a resumed plan keeps its first
 * start. One statement, atomic on its own: it stands between starting a plan and its first task.
 * Returns the recorded event, for the publisher to send without reading it back; undefined when
 * the plan had started already or is no longer executing.
 */
export async function markPlanStarted({ db, clock }: { db: Database; clock: Clock }, scope: PlanEventScope): Promise<RecordedPlanEvent | undefined> {
  const startedAt = clock.now();
  const event: PlanEvent = { type: "plan-start", payload: { planId: scope.planId, status: "executing", startedAt: startedAt.toISOString() } };
  const rows = await db.$queryRaw<Array<{ id: bigint }>>`
    WITH started AS (
      UPDATE task_plans SET started_at = ${startedAt}, updated_at = now()
      WHERE id = ${scope.planId}::uuid AND status = 'executing' AND started_at IS NULL
      RETURNING id
    ), recorded AS (
      INSERT INTO plan_event_outbox (user_id, project_id, session_id, plan_id, type, payload)
      SELECT ${scope.userId}::uuid, ${scope.projectId}::uuid, ${scope.sessionId}::uuid, ${scope.planId}::uuid, ${event.type}, ${JSON.stringify(event.payload)}::jsonb
      FROM started
      RETURNING id
    )
    SELECT id FROM recorded`;
  const [row] = rows;
  return row && { id: row.id, scope, event };
}
