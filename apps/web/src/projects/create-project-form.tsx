import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { createProjectInput } from "@codelab/contracts";
import { TextField } from "../forms/text-field.js";
import { useContractForm } from "../forms/use-contract-form.js";
import { navigate } from "../navigation/location.js";
import { projectPath } from "../navigation/route.js";
import { serverFieldErrors } from "../trpc/error-message.js";
import { useTRPC } from "../trpc/trpc.js";
import { ErrorAlert } from "../ui/error-alert.js";
import { SubmitButton } from "../ui/submit-button.js";

export function CreateProjectForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [workspacePath, setWorkspacePath] = useState("");

  const createProject = useMutation(
    trpc.projects.create.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async (project) => {
        queryClient.setQueryData(trpc.projects.get.queryKey({ projectId: project.id }), project);
        navigate(projectPath(project.id));
        await queryClient.invalidateQueries(trpc.projects.list.queryFilter());
      },
    }),
  );

  // An empty optional field means "none", which the contract spells by leaving it out.
  const values = { name, ...(workspacePath.trim() ? { workspacePath } : {}) };
  const { errors, handleSubmit } = useContractForm(createProjectInput, {
    values,
    onValid: (input) => createProject.mutate(input),
  });
  const fromServer = serverFieldErrors(createProject.error);

  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      {createProject.error && Object.keys(fromServer).length === 0 && <ErrorAlert error={createProject.error} />}
      <TextField
        label="Project name"
        name="name"
        value={name}
        onValueChange={setName}
        error={errors.name ?? fromServer.name}
        placeholder="e.g. Billing service"
        autoComplete="off"
        autoFocus
      />
      <TextField
        label="Workspace path"
        name="workspacePath"
        value={workspacePath}
        onValueChange={setWorkspacePath}
        error={errors.workspacePath ?? fromServer.workspacePath}
        hint="The folder on the server your agents work in."
        placeholder="/srv/projects/billing"
        autoComplete="off"
        spellCheck={false}
        optional
      />
      <SubmitButton pending={createProject.isPending} label="Create project" pendingLabel="Creating…" />
    </form>
  );
}
