import { useMemo } from "react";
import { z } from "zod";
import type { RouterOutputs } from "@codelab/sdk";
import type { AuthSession } from "../auth/session.js";
import { useSession } from "../auth/session-context.js";
import { workspaceErrorFrom } from "./workspace-request-error.js";
import { fileDownloadUrl } from "./workspace-path.js";

export type FileEntry = RouterOutputs["files"]["list"]["files"][number];

/** The raw-byte endpoints tRPC cannot carry: downloads, and uploads past tRPC's 256 KiB body limit. */
export interface WorkspaceClient {
  download(path: string, signal?: AbortSignal): Promise<Blob>;
  /** Writes `file` at `path`, replacing a file already there. */
  upload(path: string, file: Blob): Promise<FileEntry>;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * Sends the access token in the Authorization header, never in the URL (which is why images are
 * fetched here and shown from blob: URLs rather than loaded by <img src>). A refused token is
 * renewed once and the request replayed, like every tRPC call.
 */
async function authorizedFetch(session: AuthSession, url: string, { headers = {}, ...init }: RequestInit & { headers?: Record<string, string> }): Promise<Response> {
  const send = () => {
    const token = session.accessToken;
    return fetch(url, { ...init, credentials: "same-origin", headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  };
  let response = await send();
  if (response.status === 401 && (await session.renew())) response = await send();
  if (!response.ok) throw workspaceErrorFrom(response.status, await readJson(response));
  return response;
}

/** The REST answer to an upload is snake_case; the rest of the app speaks tRPC's camelCase. */
const uploadedEntry = z
  .object({ path: z.string(), kind: z.enum(["file", "directory"]), size: z.number(), modified_at: z.string() })
  .transform(({ modified_at, ...entry }): FileEntry => ({ ...entry, modifiedAt: modified_at }));

export function createWorkspaceClient(session: AuthSession, projectId: string): WorkspaceClient {
  return {
    async download(path, signal) {
      const response = await authorizedFetch(session, fileDownloadUrl(projectId, path), signal ? { signal } : {});
      return response.blob();
    },
    async upload(path, file) {
      const response = await authorizedFetch(session, fileDownloadUrl(projectId, path), {
        method: "PUT",
        headers: { "content-type": "application/octet-stream" },
        body: file,
      });
      return uploadedEntry.parse(await response.json());
    },
  };
}

export function useWorkspaceClient(projectId: string): WorkspaceClient {
  const session = useSession();
  return useMemo(() => createWorkspaceClient(session, projectId), [session, projectId]);
}
