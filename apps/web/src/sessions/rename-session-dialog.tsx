import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { updateSessionInput } from "@codelab/contracts";
import { TextField } from "../forms/text-field.js";
import { useContractForm } from "../forms/use-contract-form.js";
import { serverFieldErrors } from "../trpc/error-message.js";
import { useTRPC } from "../trpc/trpc.js";
import { Dialog } from "../ui/dialog.js";
import { ErrorAlert } from "../ui/error-alert.js";
import { SubmitButton } from "../ui/submit-button.js";
import type { ChatSession } from "./session-types.js";

export function RenameSessionDialog({ projectId, session, onClose }: { projectId: string; session: ChatSession; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [topic, setTopic] = useState(session.topic ?? "");
  const rename = useMutation(
    trpc.sessions.update.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async () => {
        onClose();
        await queryClient.invalidateQueries(trpc.sessions.pathFilter());
      },
    }),
  );
  // An empty topic clears it: the chat shows as untitled again.
  const values = { projectId, sessionId: session.id, topic: topic.trim() ? topic : null };
  const { errors, handleSubmit } = useContractForm(updateSessionInput, { values, onValid: (input) => rename.mutate(input) });
  const fromServer = serverFieldErrors(rename.error);
  return (
    <Dialog title="Rename chat" onClose={onClose} size="small">
      <form className="form" onSubmit={handleSubmit} noValidate>
        {rename.error && Object.keys(fromServer).length === 0 && <ErrorAlert error={rename.error} />}
        <TextField label="Topic" name="topic" value={topic} onValueChange={setTopic} error={errors.topic ?? fromServer.topic} autoComplete="off" autoFocus />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <SubmitButton pending={rename.isPending} label="Rename" pendingLabel="Saving…" />
        </div>
      </form>
    </Dialog>
  );
}
