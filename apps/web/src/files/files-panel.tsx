import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorCode } from "../trpc/error-message.js";
import { useTRPC } from "../trpc/trpc.js";
import { ErrorAlert } from "../ui/error-alert.js";
import { Breadcrumb } from "./breadcrumb.js";
import { DeleteFileDialog } from "./delete-file-dialog.js";
import { FileRow } from "./file-row.js";
import { UploadButton } from "./upload-button.js";
import { useUploadFiles } from "./upload-files.js";
import type { FileEntry } from "./workspace-client.js";

const pageSize = 50;

/** Folders first, each group in the server's path order. */
const foldersFirst = (entries: readonly FileEntry[]) => [...entries].sort((left, right) => Number(left.kind === "file") - Number(right.kind === "file"));

/** The project's workspace: what the agents' tools read and write, and what the user puts there for them. */
export function FilesPanel({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const [{ folder, offset }, setPlace] = useState({ folder: "", offset: 0 });
  const files = useQuery(trpc.files.list.queryOptions({ projectId, path: folder, limit: pageSize, offset }));
  const upload = useUploadFiles(projectId);
  const [deleting, setDeleting] = useState<FileEntry>();
  const open = (path: string) => setPlace({ folder: path, offset: 0 });
  const failures = upload.data?.failures ?? [];

  return (
    <section aria-labelledby="files-title" className="section files">
      <div className="section-header section-header-actions">
        <div>
          <h2 id="files-title" className="section-title">
            Files
            {files.data && <span className="count">{files.data.total}</span>}
          </h2>
          <p className="section-lead">The project&apos;s workspace. Agents read these files with their tools, and charts and program output are saved here.</p>
        </div>
        <UploadButton busy={upload.isPending} onFiles={(chosen) => upload.mutate({ folder, files: chosen })} />
      </div>
      {failures.length > 0 && (
        <div className="alert alert-error upload-failures" role="alert">
          <div>
            {failures.map((failure) => (
              <p key={failure}>{failure}</p>
            ))}
          </div>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => upload.reset()}>
            ×
          </button>
        </div>
      )}
      <div className="files-card">
        <Breadcrumb folder={folder} onOpen={open} />
        {files.isPending ? (
          <div className="files-loading" aria-busy="true" aria-label="Loading files">
            {[0, 1, 2].map((row) => (
              <span key={row} className="skeleton skeleton-row" />
            ))}
          </div>
        ) : files.isError ? (
          errorCode(files.error) === "FILE_NOT_FOUND" ? (
            <div className="empty-panel">
              <p>This folder no longer exists.</p>
              <button type="button" className="button button-small" onClick={() => open("")}>
                Back to the workspace
              </button>
            </div>
          ) : (
            <ErrorAlert error={files.error} onRetry={() => void files.refetch()} />
          )
        ) : files.data.files.length === 0 ? (
          <div className="empty-panel">
            {folder === ""
              ? "No files yet. Upload a CSV for DataAnalyst to chart, or ask an agent to write one."
              : "This folder is empty."}
          </div>
        ) : (
          <table className="file-table">
            <caption className="visually-hidden">Files in {folder === "" ? "the workspace" : folder}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Size</th>
                <th scope="col">Modified</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {foldersFirst(files.data.files).map((entry) => (
                <FileRow key={entry.path} projectId={projectId} entry={entry} onOpen={open} onDelete={() => setDeleting(entry)} />
              ))}
            </tbody>
          </table>
        )}
        {files.data && files.data.total > pageSize && (
          <div className="pager">
            <button type="button" className="button button-small" disabled={offset === 0} onClick={() => setPlace({ folder, offset: Math.max(0, offset - pageSize) })}>
              Previous
            </button>
            <span>
              {offset + 1}–{Math.min(offset + pageSize, files.data.total)} of {files.data.total}
            </span>
            <button
              type="button"
              className="button button-small"
              disabled={offset + pageSize >= files.data.total}
              onClick={() => setPlace({ folder, offset: offset + pageSize })}
            >
              Next
            </button>
          </div>
        )}
      </div>
      {deleting && <DeleteFileDialog projectId={projectId} entry={deleting} onClose={() => setDeleting(undefined)} />}
    </section>
  );
}
