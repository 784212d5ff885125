import { useState } from "react";
import type { ToolAttachment } from "../tools/tool-call-types.js";
import { Dialog } from "../ui/dialog.js";
import { useToasts } from "../ui/toaster.js";
import { AttachmentImage } from "./attachment-image.js";
import { saveBlob } from "./save-blob.js";
import { useWorkspaceImage } from "./use-workspace-file.js";
import { useWorkspaceClient } from "./workspace-client.js";
import { WorkspaceRequestError } from "./workspace-request-error.js";
import { nameOf } from "./workspace-path.js";

/** Media types the chat shows in place; anything else is offered as a download. */
const imageTypes = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml"]);

function missingText(error: unknown): string {
  if (error instanceof WorkspaceRequestError && error.code === "FILE_NOT_FOUND") return "This file is no longer in the workspace.";
  return error instanceof Error ? `The image could not be loaded: ${error.message}` : "The image could not be loaded.";
}

function ImagePreview({ projectId, path }: { projectId: string; path: string }) {
  const file = useWorkspaceImage(projectId, path);
  const [enlarged, setEnlarged] = useState(false);
  const name = nameOf(path);
  return (
    <figure className="attachment" data-path={path}>
      <div className="attachment-frame">
        {file.isPending && <span className="skeleton attachment-skeleton" aria-busy="true" aria-label={`Loading ${name}`} />}
        {file.isError && <p className="attachment-missing">{missingText(file.error)}</p>}
        {file.data && (
          <button type="button" className="attachment-open" onClick={() => setEnlarged(true)} aria-label={`Enlarge ${name}`}>
            <AttachmentImage image={file.data} alt={name} className="attachment-image" />
          </button>
        )}
      </div>
      <figcaption className="attachment-caption">
        <span className="attachment-path">{path}</span>
        <button type="button" className="link-button" disabled={!file.data} onClick={() => file.data && saveBlob(file.data.blob, name)}>
          Download
        </button>
      </figcaption>
      {enlarged && file.data && (
        <Dialog title={path} onClose={() => setEnlarged(false)} size="large">
          <AttachmentImage image={file.data} alt={name} className="attachment-image-large" />
        </Dialog>
      )}
    </figure>
  );
}

function FileLink({ projectId, path }: { projectId: string; path: string }) {
  const client = useWorkspaceClient(projectId);
  const toasts = useToasts();
  const [downloading, setDownloading] = useState(false);
  const name = nameOf(path);
  const download = () => {
    setDownloading(true);
    client
      .download(path)
      .then((blob) => saveBlob(blob, name))
      .catch((error: unknown) => toasts.show("error", error instanceof Error ? error.message : "The download failed."))
      .finally(() => setDownloading(false));
  };
  return (
    <button type="button" className="attachment-file" onClick={download} disabled={downloading}>
      <span className="attachment-path">{path}</span>
      <span className="link-button">Download</span>
    </button>
  );
}

/** A file a tool made: an image shown in place (click to enlarge), any other file as a download. */
export function AttachmentPreview({ projectId, attachment }: { projectId: string; attachment: ToolAttachment }) {
  return imageTypes.has(attachment.mediaType) ? (
    <ImagePreview projectId={projectId} path={attachment.path} />
  ) : (
    <FileLink projectId={projectId} path={attachment.path} />
  );
}
