import { useState } from "react";
import { formatDate } from "../ui/format-date.js";
import { DeleteProjectDialog } from "./delete-project-dialog.js";
import { EditProjectDialog } from "./edit-project-dialog.js";
import type { Project } from "./project-types.js";

export function ProjectHeader({ project }: { project: Project }) {
  const [dialog, setDialog] = useState<"edit" | "delete" | undefined>();
  return (
    <header className="project-header">
      <div className="project-heading">
        <h1 className="page-title">{project.name}</h1>
        <p className="page-meta">
          {project.workspacePath ? <code className="path">{project.workspacePath}</code> : <span>No workspace folder</span>}
          <span>Created {formatDate(project.createdAt)}</span>
        </p>
      </div>
      <div className="project-actions">
        <button type="button" className="button button-small" onClick={() => setDialog("edit")}>
          Settings
        </button>
        <button type="button" className="button button-small button-ghost button-danger-text" onClick={() => setDialog("delete")}>
          Delete
        </button>
      </div>
      {dialog === "edit" && <EditProjectDialog project={project} onClose={() => setDialog(undefined)} />}
      {dialog === "delete" && <DeleteProjectDialog project={project} onClose={() => setDialog(undefined)} />}
    </header>
  );
}
