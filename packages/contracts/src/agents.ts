import { z } from "zod";
import { isoDate, pagination, projectScope, uuid } from "./common.js";
import { toolNames } from "./tools.js";

export const agentStatuses = ["READY", "BUSY", "ERROR", "DISABLED"] as const;

// Agent names are what users type as `target_agent`, so they stay short and plain.
export const agentName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(100)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _.-]*$/u, "may contain letters, digits, spaces, '_', '.' and '-'");

const metadata = z.record(z.string().max(100), z.json()).refine((value) => JSON.stringify(value).length <= 16_384, {
  message: "must serialize to at most 16 KiB",
});

export const agentConfigFields = {
  systemPrompt: z.string().max(32_000),
  model: z.string().trim().min(1, "must not be empty").max(200),
  tools: z.array(z.enum(toolNames)).max(toolNames.length).refine((tools) => new Set(tools).size === tools.length, {
    message: "must not repeat a tool",
  }),
  temperature: z.number().min(0).max(2),
  maxTokens: z.number().int().min(1).max(200_000),
  metadata,
};

export const agentConfig = z.object(agentConfigFields);
export type AgentConfig = z.output<typeof agentConfig>;

export const createAgentInput = z.strictObject({
  ...projectScope,
  name: agentName,
  systemPrompt: agentConfigFields.systemPrompt.default(""),
  model: agentConfigFields.model.optional(),
  tools: agentConfigFields.tools.default([]),
  temperature: agentConfigFields.temperature.default(0.7),
  maxTokens: agentConfigFields.maxTokens.default(4096),
  metadata: metadata.default({}),
});

export const agentIdInput = z.strictObject({ ...projectScope, agentId: uuid });

export const listAgentsInput = z.strictObject({ ...projectScope, ...pagination });

export const updateAgentInput = z.strictObject({
  ...projectScope,
  agentId: uuid,
  name: agentName.optional(),
  systemPrompt: agentConfigFields.systemPrompt.optional(),
  model: agentConfigFields.model.optional(),
  tools: agentConfigFields.tools.optional(),
  temperature: agentConfigFields.temperature.optional(),
  maxTokens: agentConfigFields.maxTokens.optional(),
  metadata: metadata.optional(),
  status: z.enum(["READY", "DISABLED"]).optional(),
});

export const agentOutput = z.object({
  id: uuid,
  projectId: uuid,
  name: z.string(),
  status: z.enum(agentStatuses),
  config: agentConfig,
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const agentListOutput = z.object({ agents: z.array(agentOutput), total: z.number().int() });

export type CreateAgentInput = z.input<typeof createAgentInput>;
export type UpdateAgentInput = z.input<typeof updateAgentInput>;
