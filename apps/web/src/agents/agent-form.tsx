import { useState } from "react";
import type { z } from "zod";
import { toolNames, type ToolName } from "@codelab/contracts";
import { CheckboxGroup } from "../forms/checkbox-group.js";
import { TextAreaField } from "../forms/text-area-field.js";
import { TextField } from "../forms/text-field.js";
import { useContractForm } from "../forms/use-contract-form.js";
import { serverFieldErrors } from "../trpc/error-message.js";
import { ErrorAlert } from "../ui/error-alert.js";
import { SubmitButton } from "../ui/submit-button.js";

export interface AgentFormValues {
  name: string;
  systemPrompt: string;
  model: string;
  temperature: string;
  maxTokens: string;
  tools: ToolName[];
  enabled: boolean;
}

const toolHints: Record<ToolName, string> = {
  code_executor: "Runs code in a sandbox",
  file_reader: "Reads files in the workspace",
  python_exec: "Runs Python for analysis",
  data_visualizer: "Draws charts from data",
  text_formatter: "Formats and restructures text",
};

export interface AgentFormProps<Schema extends z.ZodType> {
  schema: Schema;
  initial: AgentFormValues;
  /** Turns what the user typed into the procedure's input, which the contract then checks. */
  toInput: (values: AgentFormValues) => unknown;
  onValid: (input: z.output<Schema>) => void;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  /** Editing offers the enabled switch; a new agent starts enabled. */
  showStatus: boolean;
  onCancel: () => void;
}

export function AgentForm<Schema extends z.ZodType>({
  schema,
  initial,
  toInput,
  onValid,
  pending,
  error,
  submitLabel,
  showStatus,
  onCancel,
}: AgentFormProps<Schema>) {
  const [values, setValues] = useState(initial);
  const set = <Key extends keyof AgentFormValues>(key: Key) => (value: AgentFormValues[Key]) => setValues({ ...values, [key]: value });
  const { errors, handleSubmit } = useContractForm(schema, { values: toInput(values), onValid });
  const fromServer = serverFieldErrors(error);
  const fieldError = (name: string) => errors[name] ?? fromServer[name];

  return (
    <form className="form agent-form" onSubmit={handleSubmit} noValidate>
      {error !== null && Object.keys(fromServer).length === 0 && <ErrorAlert error={error} />}
      <TextField label="Name" name="name" value={values.name} onValueChange={set("name")} error={fieldError("name")} autoComplete="off" autoFocus />
      <TextAreaField
        label="System prompt"
        name="systemPrompt"
        value={values.systemPrompt}
        onValueChange={set("systemPrompt")}
        error={fieldError("systemPrompt")}
        hint="How the agent should behave and what it is for."
        rows={6}
        optional
      />
      <TextField
        label="Model"
        name="model"
        value={values.model}
        onValueChange={set("model")}
        error={fieldError("model")}
        hint="Any model your provider serves, e.g. openrouter/openai/gpt-4.1. Leave empty for the server's default."
        spellCheck={false}
        autoComplete="off"
        optional={!showStatus}
      />
      <div className="form-row">
        <TextField
          label="Temperature"
          name="temperature"
          type="number"
          inputMode="decimal"
          min={0}
          max={2}
          step={0.1}
          value={values.temperature}
          onValueChange={set("temperature")}
          error={fieldError("temperature")}
          hint="0 is focused, 2 is inventive."
        />
        <TextField
          label="Max tokens"
          name="maxTokens"
          type="number"
          inputMode="numeric"
          min={1}
          max={200_000}
          step={1}
          value={values.maxTokens}
          onValueChange={set("maxTokens")}
          error={fieldError("maxTokens")}
          hint="The longest reply, in tokens."
        />
      </div>
      <CheckboxGroup
        legend="Tools"
        name="tools"
        options={toolNames}
        selected={values.tools}
        onSelectedChange={set("tools")}
        error={fieldError("tools")}
        hint={values.tools.map((tool) => toolHints[tool]).join(" · ") || "No tools: the agent only writes answers."}
      />
      {showStatus && (
        <label className="switch">
          <input type="checkbox" name="enabled" checked={values.enabled} onChange={(event) => set("enabled")(event.target.checked)} />
          <span>Enabled — a disabled agent receives no messages.</span>
        </label>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <SubmitButton pending={pending} label={submitLabel} pendingLabel="Saving…" />
      </div>
    </form>
  );
}
