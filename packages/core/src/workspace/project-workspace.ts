/** One entry of a workspace directory listing; `path` is relative to the workspace root, `/`-separated. */
export interface WorkspaceEntry {
  path: string;
  kind: "file" | "directory";
  /** Bytes; 0 for directories. */
  size: number;
  modifiedAt: string;
}

export interface ReadFileOptions {
  /** Byte offset to start at (paging through large files). */
  offset?: number;
  /** At most this many bytes are returned. */
  maxBytes: number;
}

export interface FileContent {
  path: string;
  content: Buffer;
  /** The whole file's size, so callers can tell whether more pages follow. */
  size: number;
  offset: number;
}

/**
 * The files of one project, confined to its directory by construction: every path is relative,
 * normalized and checked before any file-system call, and symbolic links are never followed out.
 * A handle is bound to one project by whoever created it (the files API or a tool's execution
 * context), so nothing holding it can name another project. Failures are `AppError`s:
 * `INVALID_PATH` (with `details.reason`), `FILE_NOT_FOUND`, `FILE_TOO_LARGE`, `WORKSPACE_QUOTA_EXCEEDED`.
 */
export interface ProjectWorkspace {
  readonly projectId: string;
  /**
   * Absolute directory on the server. Only the sandbox uses it, to make its private copy. It may
   * not exist yet (a project made before workspaces existed) until the first operation creates it.
   */
  readonly directory: string;
  list(directory?: string): Promise<WorkspaceEntry[]>;
  read(path: string, options: ReadFileOptions): Promise<FileContent>;
  /** Creates parent directories as needed; replaces an existing file. */
  write(path: string, content: Uint8Array): Promise<WorkspaceEntry>;
  /** A directory goes with everything in it. */
  delete(path: string): Promise<void>;
}

/** Creates, opens and removes project workspaces under the configured root. */
export interface ProjectWorkspaces {
  /** No file larger than this is written; transports size their body limits by it. */
  readonly maxFileBytes: number;
  /** Idempotent: also how a caller that needs `directory` to exist (the sandbox) opens a workspace. */
  create(projectId: string): Promise<ProjectWorkspace>;
  /** The caller has already proven the project belongs to the user. */
  open(projectId: string): ProjectWorkspace;
  remove(projectId: string): Promise<void>;
}
