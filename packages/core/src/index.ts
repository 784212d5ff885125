export { AppError, isAppError, appErrorCategories, type AppErrorCode, type ErrorCategory, type ErrorDetails, type JsonValue } from "./errors/app-error.js";

export { systemClock, type Clock } from "./ports/clock.js";
export type { RateLimiter, RateLimitRule, RateLimitDecision } from "./ports/rate-limiter.js";
export { createMemoryRateLimiter } from "./ports/memory-rate-limiter.js";
export { createRedisRateLimiter } from "./ports/redis-rate-limiter.js";
export { createMetrics, type Metrics } from "./metrics/metrics.js";

export {
  createTokenService,
  streamTicketTtlSeconds,
  type TokenService,
  type TokenClaims,
  type TokenType,
  type StreamTicketScope,
} from "./auth/token-service.js";
export { hashPassword, verifyPassword } from "./auth/password-hash.js";
export type { AuthDependencies, LoginRateLimiters } from "./auth/auth-dependencies.js";
export type { IssuedSession } from "./auth/issue-session.js";
export { authenticate } from "./auth/authenticate.js";
export { registerUser } from "./auth/register-user.js";
export { loginUser } from "./auth/login-user.js";
export { refreshSession } from "./auth/refresh-session.js";
export { logoutUser } from "./auth/logout-user.js";
export { changePassword } from "./auth/change-password.js";
export { getUser } from "./users/get-user.js";
export { getUserSettings, updateUserSettings, type UserSettings } from "./users/user-settings.js";
export type { UserRecord } from "./users/user-select.js";

export { defaultStarterPack, type StarterAgent } from "./projects/starter-pack.js";
export { createProject } from "./projects/create-project.js";
export { listProjects } from "./projects/list-projects.js";
export { getProject } from "./projects/get-project.js";
export { updateProject } from "./projects/update-project.js";
export { deleteProject } from "./projects/delete-project.js";
export type { ProjectRecord } from "./projects/project-select.js";

export { createAgent } from "./agents/create-agent.js";
export { listAgents } from "./agents/list-agents.js";
export { getAgent } from "./agents/get-agent.js";
export { updateAgent } from "./agents/update-agent.js";
export { deleteAgent } from "./agents/delete-agent.js";
export type { AgentRecord } from "./agents/agent-select.js";

export { createSession } from "./sessions/create-session.js";
export { listSessions } from "./sessions/list-sessions.js";
export { getSession } from "./sessions/get-session.js";
export { updateSession } from "./sessions/update-session.js";
export { deleteSession } from "./sessions/delete-session.js";
export type { SessionRecord } from "./sessions/session-select.js";

export { listMessages } from "./messages/list-messages.js";
export type { MessageRecord } from "./messages/message-select.js";

export type { LlmClient, CompletionRequest, CompletionOptions, Completion, TokenUsage, ChatMessage, ChatRole } from "./llm/llm-client.js";
export type { LlmLogger } from "./llm/llm-logger.js";
export { createOpenAiLlmClient, type OpenAiLlmClientOptions, type LlmTimeouts } from "./llm/openai-llm-client.js";
export type { RetryPolicy } from "./llm/retry-delay.js";
export type { OutputLimits } from "./llm/output-collector.js";
export { createOfflineLlmClient, type OfflineLlmClientOptions } from "./llm/offline-llm-client.js";
export { asksForJson, extractKeywords, offlineModelName, offlineNotice } from "./llm/offline-answer.js";
export {
  createPricing,
  loadPricingTable,
  parsePricingTable,
  defaultPricingFile,
  fallbackDefaultPrice,
  type Pricing,
  type PricingTable,
  type PricingOptions,
  type ModelPrice,
} from "./llm/pricing.js";
export { countTokens, countMessageTokens, estimateUsage } from "./llm/token-count.js";

export type { Embedder } from "./memory/embedder.js";
export type { MemoryStore, MemoryScope, MemoryRecord, MemoryMetadata, ScoredMemory, NewMemory } from "./memory/memory-store.js";
export { createLocalEmbedder, localEmbeddingModel, localEmbeddingDimensions } from "./memory/local-embedder.js";
export { createOpenAiEmbedder, type OpenAiEmbedderOptions } from "./memory/openai-embedder.js";
export { createPostgresMemoryStore, type PostgresMemoryStoreOptions } from "./memory/postgres-memory-store.js";
export { createQdrantMemoryStore, defaultQdrantCollection, type QdrantMemoryStoreOptions } from "./memory/qdrant-memory-store.js";

export type {
  EventMap,
  EventType,
  EventPayload,
  EventOf,
  CodelabEvent,
  PlanEventType,
  TokenCounts,
  EventFailure,
  PlanStatus,
  TaskStatus,
  PlanTaskNode,
  TaskEstimate,
  PlanEstimate,
  PlanActuals,
} from "./events/event-map.js";
export {
  EventStreamError,
  isEventStreamError,
  type EventBus,
  type ClosableEventBus,
  type EventBusStats,
  type EventScope,
  type PlanEventScope,
  type ScopeFor,
  type StoredEvent,
  type ReadOptions,
  type SubscribeOptions,
  type EventSubscription,
  type EventStreamEndReason,
} from "./events/event-bus.js";
export { beginningEventId, isEventId, compareEventIds } from "./events/event-id.js";
export { defaultRetention, type RetentionOptions } from "./events/retention.js";
export type { EventBusLimits } from "./events/create-event-bus.js";
export { createMemoryEventBus, type MemoryEventBusOptions } from "./events/memory-event-bus.js";
export { createRedisEventBus, type RedisEventBusOptions } from "./events/redis-event-bus.js";
export { createDeltaCoalescer, type DeltaCoalescer, type DeltaCoalescerOptions } from "./events/delta-coalescer.js";

export type { AgentRuntime, RecallSettings } from "./runtime/agent-runtime.js";
export { buildAgentPrompt, trimHistory, memoryHeading } from "./runtime/build-agent-prompt.js";
export { runContextualAgent, type ContextualAgentInput, type ContextualAgentResult } from "./runtime/run-contextual-agent.js";
export { sendDirectMessage, type ChatDependencies, type DirectReply, type SendDirectMessageOptions } from "./chat/send-direct-message.js";
export { listAgentMemories } from "./agents/memories/list-agent-memories.js";
export { searchAgentMemories } from "./agents/memories/search-agent-memories.js";
export { addAgentMemory } from "./agents/memories/add-agent-memory.js";
export { deleteAgentMemory } from "./agents/memories/delete-agent-memory.js";

export type { PlanExecutor } from "./orchestrator/plan-executor.js";
export { createPlanExecutor, type PlanExecutorOptions, type CompletedPlan } from "./orchestrator/execution/create-plan-executor.js";
export { defaultExecutionSettings, type ExecutionSettings, type ExecutionDependencies } from "./orchestrator/execution/execution-settings.js";
export { cancelPlan } from "./orchestrator/execution/cancel-plan.js";

export type { OrchestratorDependencies, OrchestratorSettings } from "./orchestrator/planning/orchestrator-dependencies.js";
export { sendToOrchestrator, type SendToOrchestratorOptions } from "./chat/send-to-orchestrator.js";
export { answerOfflineJson, composeOfflinePlan } from "./orchestrator/planning/offline-planner.js";
export { validatePlanGraph, maxPlanTasks, maxPlanDepth, type PlanProblem, type PlanProblemKind } from "./orchestrator/planning/validate-plan-graph.js";
export { estimatePlan, estimateCall, estimateDefaults, type AgentProfile, type ModelObservation, type EstimateContext } from "./orchestrator/estimation/estimate-plan.js";
export { decideApproval, type ApprovalDecision } from "./orchestrator/approval/approval-rule.js";
export { approvePlan, type ApprovalDependencies } from "./orchestrator/approval/approve-plan.js";
export { rejectPlan } from "./orchestrator/approval/reject-plan.js";
export { expireOverdueApprovals } from "./orchestrator/approval/expire-overdue-approvals.js";
export { startApprovalSweeper, type ApprovalSweeper } from "./orchestrator/approval/approval-sweeper.js";
export { assertWithinDailyBudget, spentToday } from "./orchestrator/budget/daily-budget.js";
export { getPlan } from "./orchestrator/plans/get-plan.js";
export { listPlans, type ListPlansOptions } from "./orchestrator/plans/list-plans.js";
export type { PlanRecord, PlanSummaryRecord, PlanTaskRecord } from "./orchestrator/plans/plan-select.js";
export type { PlanCache } from "./orchestrator/plan-cache/plan-cache.js";
export { planCacheKey, normalizeRequest } from "./orchestrator/plan-cache/plan-cache-key.js";
export { createMemoryPlanCache } from "./orchestrator/plan-cache/memory-plan-cache.js";
export { createRedisPlanCache } from "./orchestrator/plan-cache/redis-plan-cache.js";
export { rememberSuccessfulPlan } from "./orchestrator/plan-cache/remember-successful-plan.js";
export { createPlanEventPublisher, type PlanEventPublisher } from "./orchestrator/outbox/plan-event-publisher.js";

export type { ProjectWorkspace, ProjectWorkspaces, WorkspaceEntry, FileContent, ReadFileOptions } from "./workspace/project-workspace.js";
export { createLocalWorkspaces, defaultWorkspaceRoot, defaultMaxFileBytes, type LocalWorkspacesOptions } from "./workspace/create-local-workspaces.js";
export { normalizeFilePath, normalizeDirectoryPath, maxPathBytes, maxSegmentBytes, maxPathDepth } from "./workspace/workspace-path.js";
export { fileTooLarge, type InvalidPathReason } from "./workspace/workspace-errors.js";
export { listFiles, type FileList } from "./files/list-files.js";
export { uploadFile } from "./files/upload-file.js";
export { readFile, type FilePage } from "./files/read-file.js";
export { downloadFile } from "./files/download-file.js";
export { deleteFile } from "./files/delete-file.js";

export type { Tool, ToolContext, ToolResult, ToolAttachment, ToolLimits, ToolRisk } from "./tools/tool.js";
export { defineTool } from "./tools/tool.js";
export { createToolRegistry, type ToolRegistry } from "./tools/tool-registry.js";
export { defaultToolLoopLimits, type ToolLoopLimits, type ToolRuntime } from "./tools/tool-runtime.js";
export { decideToolCall } from "./tools/approval/decide-tool-call.js";
export { expireOverdueToolApprovals } from "./tools/approval/expire-overdue-tool-approvals.js";
export { listToolCalls, type ListToolCallsOptions } from "./tools/list-tool-calls.js";
export type { ToolCallRecord, ToolCallStatus } from "./tools/tool-call-select.js";
export type { Sandbox, SandboxRequest, SandboxResult, SandboxLanguage, SandboxOutcome, SandboxOutputFile } from "./sandbox/sandbox.js";
export {
  createBubblewrapSandbox,
  defaultBubblewrapPath,
  defaultMaxConcurrentRuns,
  type BubblewrapSandboxOptions,
} from "./sandbox/bubblewrap-sandbox.js";
export { defaultSandboxLimits, type SandboxLimits } from "./sandbox/sandbox-limits.js";
export { defaultInterpreterPaths, type InterpreterPaths } from "./sandbox/sandbox-language.js";
export { isSandboxUnavailable } from "./sandbox/sandbox-errors.js";
export { createCodeExecutorTool } from "./tools/code-executor.js";
export { createPythonExecTool } from "./tools/python-exec.js";
export { createStandardTools } from "./tools/standard-tools.js";

export { textFormatterTool, textFormatterLimits } from "./tools/text-formatter/text-formatter-tool.js";
export { dataVisualizerTool, svgMediaType } from "./tools/data-visualizer/data-visualizer-tool.js";
export { parseCsv, type CsvOptions, type CsvTable } from "./tools/tabular/parse-csv.js";
