import { startLlmTestServer, type LlmTestServer } from "@codelab/llm-test-server";
import { createCodelabClient, type CodelabClient } from "@codelab/sdk";
import {
  createRestClient,
  signUp,
  startTestServer,
  type RestAgent,
  type RestClient,
  type RestMessage,
  type RestProject,
  type RestResponse,
  type RestSession,
  type TestServer,
} from "../testing/index.js";

/** The starter agents' model, which must reach the provider untouched. */
export const starterModel = "openrouter/openai/gpt-4.1";

/** The documented answer of `POST .../chat/{session_id}/message/`. */
export type RestReply = RestMessage & { agent_name: string | null };

/** One user with a project (starter pack included), as both REST and tRPC clients see it. */
export interface ChatUser {
  userId: string;
  token: string;
  rest: RestClient;
  trpc: CodelabClient;
  projectId: string;
  /** Starter agents by name. */
  agents: Record<string, RestAgent>;
  /** A new chat session in the project, so a test's history is its own. */
  createSession(): Promise<string>;
  /** Sends a direct message over REST. */
  send(sessionId: string, body: unknown, headers?: Record<string, string>): Promise<RestResponse<RestReply>>;
}

export interface ChatFixture {
  llm: LlmTestServer;
  server: TestServer;
  /** Signs up another user with a project of their own. */
  addUser(): Promise<ChatUser>;
  close(): Promise<void>;
}

export const messagePath = (projectId: string, sessionId: string) => `/my/projects/${projectId}/chat/${sessionId}/message/`;
export const messagesPath = (projectId: string, sessionId: string) => `/my/projects/${projectId}/chat/sessions/${sessionId}/messages/`;
export const memoriesPath = (projectId: string, agentId: string) => `/my/projects/${projectId}/agents/${agentId}/memories/`;

async function addUser(url: string): Promise<ChatUser> {
  const { userId, token } = await signUp(url);
  const rest = createRestClient(url, token);
  const project = await rest.post<RestProject>("/my/projects/", { name: "Chat" });
  const agents = await rest.get<{ agents: RestAgent[] }>(`/my/projects/${project.body.id}/agents/`);
  if (project.status !== 201 || agents.status !== 200) throw new Error("could not create the user's project");
  const projectId = project.body.id;
  return {
    userId,
    token,
    rest,
    trpc: createCodelabClient({ url, token }),
    projectId,
    agents: Object.fromEntries(agents.body.agents.map((agent) => [agent.name, agent])),
    async createSession() {
      const session = await rest.post<RestSession>(`/my/projects/${projectId}/chat/sessions/`, { topic: "Direct" });
      if (session.status !== 201) throw new Error(`could not create a session (${session.status})`);
      return session.body.id;
    },
    send: (sessionId, body, headers = {}) => rest.request<RestReply>("POST", messagePath(projectId, sessionId), { json: body, headers }),
  };
}

/**
 * A real server whose model provider is our OpenAI-compatible test server (the real `openai`
 * client, fast retries). `env` adds to or overrides that configuration.
 */
export async function startChatFixture({ env = {} }: { env?: Record<string, string> } = {}): Promise<ChatFixture> {
  const llm = await startLlmTestServer();
  const server = await startTestServer({
    env: {
      OPENAI_BASE_URL: llm.baseUrl,
      OPENAI_API_KEY: "test-key",
      OPENAI_MODEL: "test-model",
      LLM_MAX_ATTEMPTS: "3",
      LLM_RETRY_BASE_DELAY_MS: "10",
      ...env,
    },
  });
  return {
    llm,
    server,
    addUser: () => addUser(server.url),
    async close() {
      await server.close();
      await llm.close();
    },
  };
}

/** The chat completion requests the provider received (embedding requests left out). */
export function chatRequests(llm: LlmTestServer) {
  return llm.requests.filter((request) => request.path === "/v1/chat/completions");
}
