import type { Agent } from "../agents/agent-types.js";

/** `undefined` sends to the orchestrator, which plans the work across the project's agents. */
export type Target = string | undefined;

const autoValue = "";

export function TargetPicker({ agents, target, onTargetChange }: { agents: readonly Agent[]; target: Target; onTargetChange: (target: Target) => void }) {
  return (
    <label className="target-picker">
      <span className="target-label">To</span>
      <select
        className="select"
        value={target ?? autoValue}
        onChange={(event) => onTargetChange(event.target.value === autoValue ? undefined : event.target.value)}
        aria-label="Send to"
      >
        <option value={autoValue}>Auto (orchestrator)</option>
        {agents.map((agent) => (
          <option key={agent.id} value={agent.name} disabled={agent.status === "DISABLED"}>
            {agent.name}
            {agent.status === "DISABLED" ? " (disabled)" : ""}
          </option>
        ))}
      </select>
    </label>
  );
}
