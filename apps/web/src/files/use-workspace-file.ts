import { useQuery, type QueryClient } from "@tanstack/react-query";
import { measureImage } from "./measure-image.js";
import { useWorkspaceClient } from "./workspace-client.js";
import { WorkspaceRequestError } from "./workspace-request-error.js";

const workspaceFileKey = ["workspace-file"] as const;

export const workspaceFileQueryKey = (projectId: string, path: string) => [...workspaceFileKey, projectId, path] as const;

/** A refused request (missing file, no access) will be refused again; only a failed connection or server is retried. */
const isWorthRetrying = (error: unknown) => !(error instanceof WorkspaceRequestError && error.status < 500);

/** A workspace image's bytes and size, fetched once with the access token and kept while the page shows it. */
export function useWorkspaceImage(projectId: string, path: string) {
  const client = useWorkspaceClient(projectId);
  return useQuery({
    queryKey: workspaceFileQueryKey(projectId, path),
    queryFn: async ({ signal }) => measureImage(await client.download(path, signal)),
    staleTime: Number.POSITIVE_INFINITY,
    retry: (failureCount, error) => failureCount < 2 && isWorthRetrying(error),
  });
}

/** A tool rewrote these files (a chart of the same name) or the user deleted them: fetch them again when next shown. */
export function forgetWorkspaceFiles(queryClient: QueryClient, projectId: string, paths?: readonly string[]): Promise<void> {
  if (!paths) return queryClient.invalidateQueries({ queryKey: [...workspaceFileKey, projectId] });
  return Promise.all(paths.map((path) => queryClient.invalidateQueries({ queryKey: workspaceFileQueryKey(projectId, path) }))).then(() => undefined);
}
