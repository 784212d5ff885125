/** The documented snake_case JSON of the REST endpoints, for tests to read responses by. */
export interface RestProject {
  id: string;
  user_id: string;
  name: string;
  workspace_path: string | null;
  created_at: string;
  updated_at: string;
}

export interface RestAgent {
  id: string;
  project_id: string;
  name: string;
  status: "READY" | "BUSY" | "ERROR" | "DISABLED";
  config: {
    system_prompt: string;
    model: string;
    tools: string[];
    temperature: number;
    max_tokens: number;
    metadata: Record<string, unknown>;
  };
  created_at: string;
  updated_at: string;
}

export interface RestSession {
  id: string;
  project_id: string;
  topic: string | null;
  created_at: string;
}

export interface RestMessage {
  id: string;
  session_id: string;
  role: "user" | "assistant" | "system" | "tool";
  content: string;
  agent_id: string | null;
  plan_id: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  total_tokens: number | null;
  cost: number | null;
  metadata: Record<string, unknown>;
  created_at: string;
}

export interface RestError {
  error: { code: string; message: string; details: { fields?: Array<{ field: string; message: string }> } & Record<string, unknown> };
}
