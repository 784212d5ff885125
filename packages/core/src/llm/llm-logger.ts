/** The slice of the server's logger the LLM layer writes to: retries and unknown-model prices are worth a warning. */
export interface LlmLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
}
