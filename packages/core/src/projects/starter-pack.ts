import type { AgentConfig } from "@codelab/contracts";

export interface StarterAgent {
  name: string;
  config: AgentConfig;
}

const starterModel = "openrouter/openai/gpt-4.1";

/** The three agents every new project starts with, as the design documents define them. */
export const defaultStarterPack: readonly StarterAgent[] = [
  {
    name: "CodeAssistant",
    config: {
      systemPrompt: "You are an expert code developer. Help with programming tasks.",
      model: starterModel,
      tools: ["code_executor", "file_reader"],
      temperature: 0.7,
      maxTokens: 4096,
      metadata: { role: "developer" },
    },
  },
  {
    name: "DataAnalyst",
    config: {
      systemPrompt: "You are a data analyst. Analyze data and create visualizations.",
      model: starterModel,
      tools: ["python_exec", "data_visualizer"],
      temperature: 0.7,
      maxTokens: 4096,
      metadata: { role: "analyst" },
    },
  },
  {
    name: "DocumentWriter",
    config: {
      systemPrompt: "You are a technical writer. Create clear and concise documentation.",
      model: starterModel,
      tools: ["text_formatter"],
      temperature: 0.7,
      maxTokens: 4096,
      metadata: { role: "writer" },
    },
  },
];
