import { useState } from "react";
import { formatDateTime } from "../ui/format-date.js";
import { Spinner } from "../ui/spinner.js";
import { useToasts } from "../ui/toaster.js";
import { FileIcon, FolderIcon } from "./file-icons.js";
import { formatBytes } from "./format-bytes.js";
import { saveBlob } from "./save-blob.js";
import { useWorkspaceClient, type FileEntry } from "./workspace-client.js";
import { nameOf } from "./workspace-path.js";

function DownloadButton({ projectId, entry }: { projectId: string; entry: FileEntry }) {
  const client = useWorkspaceClient(projectId);
  const toasts = useToasts();
  const [downloading, setDownloading] = useState(false);
  const name = nameOf(entry.path);
  const download = () => {
    setDownloading(true);
    client
      .download(entry.path)
      .then((blob) => saveBlob(blob, name))
      .catch((error: unknown) => toasts.show("error", error instanceof Error ? error.message : "The download failed."))
      .finally(() => setDownloading(false));
  };
  return (
    <button type="button" className="button button-small" onClick={download} disabled={downloading} aria-label={`Download ${name}`}>
      {downloading && <Spinner size="small" />}
      Download
    </button>
  );
}

/** One entry of the listed folder: a folder opens, a file downloads; both can be deleted. */
export function FileRow({ projectId, entry, onOpen, onDelete }: { projectId: string; entry: FileEntry; onOpen: (path: string) => void; onDelete: () => void }) {
  const name = nameOf(entry.path);
  const folder = entry.kind === "directory";
  return (
    <tr className={folder ? "file-row file-row-folder" : "file-row"} data-path={entry.path}>
      <th scope="row" className="file-name">
        {folder ? (
          <button type="button" className="file-open" onClick={() => onOpen(entry.path)} aria-label={`Open folder ${name}`}>
            <FolderIcon />
            <span>{name}</span>
          </button>
        ) : (
          <span className="file-label">
            <FileIcon />
            <span>{name}</span>
          </span>
        )}
      </th>
      <td className="file-size">{folder ? "—" : formatBytes(entry.size)}</td>
      <td className="file-modified">
        <time dateTime={entry.modifiedAt}>{formatDateTime(entry.modifiedAt)}</time>
      </td>
      <td className="file-actions">
        {!folder && <DownloadButton projectId={projectId} entry={entry} />}
        <button type="button" className="button button-small button-ghost button-danger-text" onClick={onDelete} aria-label={`Delete ${name}`}>
          Delete
        </button>
      </td>
    </tr>
  );
}
