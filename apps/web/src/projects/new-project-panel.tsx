import { CreateProjectForm } from "./create-project-form.js";

export function NewProjectPanel({ firstProject = false }: { firstProject?: boolean }) {
  return (
    <section className="panel" aria-labelledby="new-project-title">
      <h1 id="new-project-title" className="page-title">
        {firstProject ? "Create your first project" : "New project"}
      </h1>
      <p className="page-lead">
        A project gathers your agents and chat sessions. It comes with CodeAssistant, DataAnalyst and DocumentWriter ready
        to work.
      </p>
      <CreateProjectForm />
    </section>
  );
}
