/** Workspace paths are relative and `/`-separated (`charts/sales.svg`); `""` is the workspace root. */

export function nameOf(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

export function joinPath(directory: string, name: string): string {
  return directory === "" ? name : `${directory}/${name}`;
}

/** Each folder from the root down to `directory`, for a breadcrumb. */
export function foldersOf(directory: string): Array<{ name: string; path: string }> {
  const segments = directory.split("/").filter(Boolean);
  return segments.map((name, index) => ({ name, path: segments.slice(0, index + 1).join("/") }));
}

/** The URL of a file's bytes: every segment encoded on its own, so a name with `#`, `?` or `%` stays one name. */
export function fileDownloadUrl(projectId: string, path: string): string {
  return `/my/projects/${encodeURIComponent(projectId)}/files/${path.split("/").map(encodeURIComponent).join("/")}`;
}
