-- CreateTable
CREATE TABLE "agent_memories" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "content" TEXT NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "embedding" BYTEA NOT NULL,
    "embedding_model" VARCHAR(200) NOT NULL,
    "dimensions" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_memories_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_memory_revisions" (
    "agent_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "agent_memory_revisions_pkey" PRIMARY KEY ("agent_id")
);

-- CreateIndex
CREATE INDEX "ix_agent_memories_user_id_project_id_agent_id_created_at" ON "agent_memories"("user_id", "project_id", "agent_id", "created_at");

-- CreateIndex
CREATE INDEX "ix_agent_memory_revisions_user_id_project_id" ON "agent_memory_revisions"("user_id", "project_id");

-- AddForeignKey
ALTER TABLE "agent_memories" ADD CONSTRAINT "agent_memories_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "user_projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_memories" ADD CONSTRAINT "agent_memories_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "user_agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_memory_revisions" ADD CONSTRAINT "agent_memory_revisions_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "user_projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_memory_revisions" ADD CONSTRAINT "agent_memory_revisions_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "user_agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

