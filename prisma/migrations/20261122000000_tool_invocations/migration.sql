-- CreateTable
CREATE TABLE "tool_invocations" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "session_id" UUID,
    "plan_id" UUID,
    "task_id" VARCHAR(100),
    "message_id" UUID,
    "model_call_id" VARCHAR(255) NOT NULL,
    "tool" VARCHAR(64) NOT NULL,
    "risk" VARCHAR(16) NOT NULL,
    "arguments" JSONB NOT NULL,
    "status" VARCHAR(32) NOT NULL,
    "status_reason" VARCHAR(64),
    "approval_expires_at" TIMESTAMPTZ(3),
    "duration_ms" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "tool_invocations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ix_tool_invocations_user_id_project_id_created_at" ON "tool_invocations"("user_id", "project_id", "created_at");

-- CreateIndex
CREATE INDEX "ix_tool_invocations_status_approval_expires_at" ON "tool_invocations"("status", "approval_expires_at");

-- AddForeignKey
ALTER TABLE "tool_invocations" ADD CONSTRAINT "tool_invocations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tool_invocations" ADD CONSTRAINT "tool_invocations_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "user_projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
