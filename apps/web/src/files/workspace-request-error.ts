import { z } from "zod";
import { formatBytes } from "./format-bytes.js";

/** The REST adapter's one error shape. */
const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).catch({}) }),
});

/** A refused request to the workspace's REST endpoints, with the server's stable code. */
export class WorkspaceRequestError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly details: Record<string, unknown>;

  constructor(message: string, { status, code, details = {} }: { status: number; code?: string; details?: Record<string, unknown> }) {
    super(message);
    this.name = "WorkspaceRequestError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/**
 * Reads a failed response. A proxy in front of the server may answer 413 with no JSON at all; it
 * means the same as our own FILE_TOO_LARGE, just without the limit.
 */
export function workspaceErrorFrom(status: number, body: unknown): WorkspaceRequestError {
  const parsed = errorBody.safeParse(body);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new WorkspaceRequestError(message, { status, code, details });
  }
  if (status === 413) return new WorkspaceRequestError("The file is larger than the server accepts", { status, code: "FILE_TOO_LARGE" });
  return new WorkspaceRequestError(`The server answered ${status}. Try again.`, { status });
}

function limitOf(details: Record<string, unknown>): string | undefined {
  return typeof details.limitBytes === "number" ? formatBytes(details.limitBytes) : undefined;
}

/** What went wrong with an upload, in words about this file; the server's own message otherwise. */
export function describeUploadError(error: unknown, fileName: string): string {
  if (!(error instanceof WorkspaceRequestError)) return error instanceof Error ? error.message : "The upload failed. Try again.";
  const limit = limitOf(error.details);
  switch (error.code ?? "") {
    case "FILE_TOO_LARGE":
    case "PAYLOAD_TOO_LARGE":
      return limit ? `“${fileName}” is too large to upload: files can be at most ${limit}.` : `“${fileName}” is too large to upload.`;
    case "WORKSPACE_QUOTA_EXCEEDED":
      return `There is no room for “${fileName}”: this project's files can take ${limit ?? "only so much space"} in all. Delete some files first.`;
    case "INVALID_PATH":
      return `“${fileName}” can't be used as a file name: ${error.message}.`;
    default:
      return error.message;
  }
}
