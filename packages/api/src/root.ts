import { agentsRouter } from "./routers/agents/index.js";
import { authRouter } from "./routers/auth/index.js";
import { chatRouter } from "./routers/chat/index.js";
import { filesRouter } from "./routers/files/index.js";
import { messagesRouter } from "./routers/messages/index.js";
import { plansRouter } from "./routers/plans/index.js";
import { projectsRouter } from "./routers/projects/index.js";
import { sessionsRouter } from "./routers/sessions/index.js";
import { settingsRouter } from "./routers/settings/index.js";
import { toolCallsRouter } from "./routers/tool-calls/index.js";
import { createCallerFactory, router } from "./trpc.js";

export const appRouter = router({
  auth: authRouter,
  projects: projectsRouter,
  agents: agentsRouter,
  sessions: sessionsRouter,
  messages: messagesRouter,
  chat: chatRouter,
  plans: plansRouter,
  settings: settingsRouter,
  files: filesRouter,
  toolCalls: toolCallsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
