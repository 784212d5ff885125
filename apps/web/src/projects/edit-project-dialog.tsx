import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { updateProjectInput } from "@codelab/contracts";
import { TextField } from "../forms/text-field.js";
import { useContractForm } from "../forms/use-contract-form.js";
import { serverFieldErrors } from "../trpc/error-message.js";
import { useTRPC } from "../trpc/trpc.js";
import { Dialog } from "../ui/dialog.js";
import { ErrorAlert } from "../ui/error-alert.js";
import { SubmitButton } from "../ui/submit-button.js";
import type { Project } from "./project-types.js";

export function EditProjectDialog({ project, onClose }: { project: Project; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(project.name);
  const [workspacePath, setWorkspacePath] = useState(project.workspacePath ?? "");
  const update = useMutation(
    trpc.projects.update.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async (saved) => {
        queryClient.setQueryData(trpc.projects.get.queryKey({ projectId: saved.id }), saved);
        onClose();
        await queryClient.invalidateQueries(trpc.projects.list.queryFilter());
      },
    }),
  );
  // Clearing the path removes it (null); the contract has no other spelling for "none".
  const values = { projectId: project.id, name, workspacePath: workspacePath.trim() ? workspacePath : null };
  const { errors, handleSubmit } = useContractForm(updateProjectInput, { values, onValid: (input) => update.mutate(input) });
  const fromServer = serverFieldErrors(update.error);
  return (
    <Dialog title="Project settings" onClose={onClose}>
      <form className="form" onSubmit={handleSubmit} noValidate>
        {update.error && Object.keys(fromServer).length === 0 && <ErrorAlert error={update.error} />}
        <TextField label="Project name" name="name" value={name} onValueChange={setName} error={errors.name ?? fromServer.name} autoComplete="off" autoFocus />
        <TextField
          label="Workspace path"
          name="workspacePath"
          value={workspacePath}
          onValueChange={setWorkspacePath}
          error={errors.workspacePath ?? fromServer.workspacePath}
          hint="The folder on the server your agents work in."
          autoComplete="off"
          spellCheck={false}
          optional
        />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <SubmitButton pending={update.isPending} label="Save" pendingLabel="Saving…" />
        </div>
      </form>
    </Dialog>
  );
}
