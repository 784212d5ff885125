import { useState, type KeyboardEvent } from "react";
import { maxMessageLength } from "@codelab/contracts";
import type { Agent } from "../agents/agent-types.js";
import { TargetPicker, type Target } from "./target-picker.js";

export interface ComposerProps {
  agents: readonly Agent[];
  target: Target;
  onTargetChange: (target: Target) => void;
  sending: boolean;
  onSend: (content: string) => void;
  onStop: () => void;
}

export function Composer({ agents, target, onTargetChange, sending, onSend, onStop }: ComposerProps) {
  const [draft, setDraft] = useState("");
  const tooLong = draft.length > maxMessageLength;
  const canSend = draft.trim().length > 0 && !tooLong && !sending;

  const submit = () => {
    if (!canSend) return;
    onSend(draft.trim());
    setDraft("");
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends, Shift+Enter adds a line; composing text in an input method must not send.
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label htmlFor="composer-input" className="visually-hidden">
        Message
      </label>
      <textarea
        id="composer-input"
        className="composer-input"
        placeholder={target ? `Message ${target}…` : "Describe what you need; the orchestrator plans it across your agents…"}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
        rows={2}
        aria-describedby="composer-hint"
        aria-invalid={tooLong || undefined}
      />
      <div className="composer-toolbar">
        <TargetPicker agents={agents} target={target} onTargetChange={onTargetChange} />
        <span id="composer-hint" className={tooLong ? "composer-hint field-error" : "composer-hint"}>
          {tooLong ? `Too long: ${draft.length.toLocaleString()} of ${maxMessageLength.toLocaleString()} characters` : "Enter to send · Shift+Enter for a new line"}
        </span>
        {sending ? (
          <button type="button" className="button button-stop" onClick={onStop}>
            <span className="stop-square" aria-hidden="true" />
            Stop
          </button>
        ) : (
          <button type="submit" className="button button-primary" disabled={!canSend}>
            Send
          </button>
        )}
      </div>
    </form>
  );
}
