import type { Database } from "@codelab/db";
import type { Clock } from "../../ports/clock.js";
import type { PlanEvent, RecordedPlanEvent } from "../plan-events.js";

/**
 * Stamps the start of an executing plan with `plan-start`, once: a resumed plan keeps its first
 * start. One statement, atomic on its own, that needs nothing read before it (it finds the plan's
 * scope itself), so a run issues it alongside loading the plan. Returns the stamp and the recorded
 * event, for the publisher to send without reading it back; undefined when the plan had started
 * already, is no longer executing, or is not this user's.
 */
export async function markPlanStarted(
  { db, clock }: { db: Database; clock: Clock },
  { planId, userId }: { planId: string; userId: string },
): Promise<{ startedAt: Date; recorded: RecordedPlanEvent } | undefined> {
  const startedAt = clock.now();
  const event: PlanEvent = { type: "plan-start", payload: { planId, status: "executing", startedAt: startedAt.toISOString() } };
  const rows = await db.$queryRaw<Array<{ id: bigint; projectId: string; sessionId: string }>>`
    WITH started AS (
      UPDATE task_plans SET started_at = ${startedAt}, updated_at = now()
      WHERE id = ${planId}::uuid AND user_id = ${userId}::uuid AND status = 'executing' AND started_at IS NULL AND session_id IS NOT NULL
      RETURNING id, project_id, session_id
    ), recorded AS (
      INSERT INTO plan_event_outbox (user_id, project_id, session_id, plan_id, type, payload)
      SELECT ${userId}::uuid, project_id, session_id, id, ${event.type}, ${JSON.stringify(event.payload)}::jsonb
      FROM started
      RETURNING id, project_id, session_id
    )
    SELECT id, project_id::text AS "projectId", session_id::text AS "sessionId" FROM recorded`;
  const [row] = rows;
  return row && { startedAt, recorded: { id: row.id, scope: { planId, userId, projectId: row.projectId, sessionId: row.sessionId }, event } };
}
