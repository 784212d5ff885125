import type { ToolAttachment } from "../tools/tool-call-types.js";
import { AttachmentPreview } from "./attachment-preview.js";

/** Files made during one answer; a chart rewritten under the same name is shown once. */
export function AttachmentList({ projectId, attachments }: { projectId: string; attachments: readonly ToolAttachment[] }) {
  const unique = [...new Map(attachments.map((attachment) => [attachment.path, attachment])).values()];
  if (unique.length === 0) return null;
  return (
    <ul className="attachments" aria-label="Files from tools">
      {unique.map((attachment) => (
        <li key={attachment.path}>
          <AttachmentPreview projectId={projectId} attachment={attachment} />
        </li>
      ))}
    </ul>
  );
}
