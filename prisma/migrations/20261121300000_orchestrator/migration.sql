-- AlterTable
ALTER TABLE "users" ADD COLUMN     "approval_threshold_usd" DOUBLE PRECISION NOT NULL DEFAULT 0.10,
ADD COLUMN     "daily_budget_usd" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "task_plans" ADD COLUMN     "actual_completion_tokens" INTEGER,
ADD COLUMN     "actual_prompt_tokens" INTEGER,
ADD COLUMN     "approval_expires_at" TIMESTAMPTZ(3),
ADD COLUMN     "cached" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "end_reason" TEXT,
ADD COLUMN     "final_message_id" UUID,
ADD COLUMN     "total_actual_cost" DOUBLE PRECISION,
ADD COLUMN     "total_actual_duration" DOUBLE PRECISION,
ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "task_plan_tasks" ADD COLUMN     "actual_cost" DOUBLE PRECISION,
ADD COLUMN     "actual_duration" DOUBLE PRECISION,
ADD COLUMN     "agent_name" VARCHAR(100) NOT NULL DEFAULT '',
ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "completion_tokens" INTEGER,
ADD COLUMN     "estimated_input_tokens" INTEGER,
ADD COLUMN     "estimated_output_tokens" INTEGER,
ADD COLUMN     "expected_output" TEXT,
ADD COLUMN     "prompt_tokens" INTEGER;

-- CreateTable
CREATE TABLE "plan_event_outbox" (
    "id" BIGSERIAL NOT NULL,
    "user_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "type" VARCHAR(64) NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "plan_event_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_latency_stats" (
    "model" VARCHAR(200) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "mean_ms" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "m2" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "mean_output_tokens" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_latency_stats_pkey" PRIMARY KEY ("model")
);

-- CreateIndex
CREATE INDEX "ix_plan_event_outbox_published_at_id" ON "plan_event_outbox"("published_at", "id");

-- CreateIndex
CREATE INDEX "ix_plan_event_outbox_plan_id_id" ON "plan_event_outbox"("plan_id", "id");

-- AddForeignKey
ALTER TABLE "plan_event_outbox" ADD CONSTRAINT "plan_event_outbox_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_event_outbox" ADD CONSTRAINT "plan_event_outbox_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "task_plans"("id") ON DELETE CASCADE ON UPDATE CASCADE;

