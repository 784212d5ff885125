import { randomUUID } from "node:crypto";
import { constants, type Stats } from "node:fs";
import { lstat, mkdir, open, readdir, rename, rm, unlink, type FileHandle } from "node:fs/promises";
import { dirname, join } from "node:path";
import { errorCode, lstatIfExists, resolveDirectory } from "./confined-directory.js";
import type { FileContent, ProjectWorkspace, ReadFileOptions, WorkspaceEntry } from "./project-workspace.js";
import { fileNotFound, fileTooLarge, invalidPath, workspaceQuotaExceeded } from "./workspace-errors.js";
import { isAddressableName, normalizeDirectoryPath, normalizeFilePath, splitWorkspacePath } from "./workspace-path.js";
import { workspaceUsage } from "./workspace-usage.js";

/** The directories every workspace under one root shares. */
export interface WorkspaceRoot {
  /** Makes sure the root exists; answers its real path and the directory uploads are staged in. */
  prepare(): Promise<{ directory: string; incoming: string }>;
}

export interface LocalWorkspaceOptions {
  projectId: string;
  /** As configured, for the sandbox; file operations use the real path under the prepared root. */
  directory: string;
  root: WorkspaceRoot;
  maxFileBytes: number;
  maxWorkspaceBytes: number | undefined;
}

// O_NOFOLLOW: a link as the last component fails (ELOOP) instead of being followed. O_NONBLOCK:
// opening a FIFO someone left in the workspace returns at once instead of waiting for a writer.
const readFlags = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
const stagingFlags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/** A file's normalized workspace path and its absolute location, whose parent was walked without following links. */
interface ResolvedFile {
  path: string;
  target: string;
}

function entryOf(path: string, stats: Stats): WorkspaceEntry {
  const kind = stats.isDirectory() ? "directory" : "file";
  return { path, kind, size: kind === "file" ? stats.size : 0, modifiedAt: stats.mtime.toISOString() };
}

/** Refuses what a file operation must not touch: links, and whatever is neither file nor directory. */
function refuseUnusual(stats: Stats): void {
  if (stats.isSymbolicLink()) throw invalidPath("symbolic_link");
  if (!stats.isFile() && !stats.isDirectory()) throw invalidPath("not_a_regular_file");
}

async function openForReading(target: string): Promise<FileHandle> {
  try {
    return await open(target, readFlags);
  } catch (error) {
    const code = errorCode(error);
    if (code === "ENOENT") throw fileNotFound();
    if (code === "ELOOP") throw invalidPath("symbolic_link");
    throw error;
  }
}

async function readRange(handle: FileHandle, start: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, start + filled);
    // The file shrank while we read it: answer what was there.
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/** One project's workspace on the local disk. */
export function createLocalWorkspace({ projectId, directory, root, maxFileBytes, maxWorkspaceBytes }: LocalWorkspaceOptions): ProjectWorkspace {
  /** The workspace's real path, created when missing (projects made before workspaces existed get theirs here). */
  async function workspaceDirectory(): Promise<string> {
    const prepared = await root.prepare();
    const own = join(prepared.directory, projectId);
    try {
      await mkdir(own);
    } catch (error) {
      if (errorCode(error) !== "EEXIST") throw error;
    }
    const stats = await lstat(own);
    if (stats.isSymbolicLink() || !stats.isDirectory()) throw new Error(`The workspace of project ${projectId} is not a directory`);
    return own;
  }

  async function resolveFile(raw: string, { create }: { create: boolean }): Promise<ResolvedFile> {
    const path = normalizeFilePath(raw);
    const segments = splitWorkspacePath(path);
    const name = segments.pop() ?? "";
    const parent = await resolveDirectory(await workspaceDirectory(), segments, { create });
    const target = join(parent, name);
    // The normalized name cannot be "." or "..", and this makes sure: the file is a direct child of the checked directory.
    if (dirname(target) !== parent) throw invalidPath("parent_segment");
    return { path, target };
  }

  /** Readers see the old file or the new one, never half of one: the bytes are written aside, then renamed into place. */
  async function replaceAtomically(target: string, content: Uint8Array): Promise<void> {
    const { incoming } = await root.prepare();
    const staged = join(incoming, `${projectId}.${randomUUID()}`);
    try {
      const handle = await open(staged, stagingFlags, 0o644);
      try {
        await handle.writeFile(content);
        await handle.datasync();
      } finally {
        await handle.close();
      }
      await rename(staged, target);
    } catch (error) {
      await rm(staged, { force: true });
      throw error;
    }
  }

  async function assertWithinQuota(added: number, replaced: number): Promise<void> {
    if (maxWorkspaceBytes === undefined) return;
    const used = await workspaceUsage(await workspaceDirectory());
    if (used - replaced + added > maxWorkspaceBytes) throw workspaceQuotaExceeded(maxWorkspaceBytes);
  }

  return {
    projectId,
    directory,

    async list(raw = "") {
      const path = normalizeDirectoryPath(raw);
      const directoryPath = await resolveDirectory(await workspaceDirectory(), splitWorkspacePath(path), { create: false });
      const names = (await readdir(directoryPath, { withFileTypes: true }))
        .filter((entry) => (entry.isFile() || entry.isDirectory()) && isAddressableName(entry.name))
        .map((entry) => entry.name);
      const entries = await Promise.all(
        names.map(async (name) => {
          const stats = await lstatIfExists(join(directoryPath, name));
          // Links were filtered above; this catches one swapped in since, and entries deleted meanwhile.
          if (!stats || (!stats.isFile() && !stats.isDirectory())) return undefined;
          return entryOf(path === "" ? name : `${path}/${name}`, stats);
        }),
      );
      return entries.filter((entry) => entry !== undefined).sort((left, right) => (left.path < right.path ? -1 : 1));
    },

    async read(raw, { offset = 0, maxBytes }: ReadFileOptions): Promise<FileContent> {
      const { path, target } = await resolveFile(raw, { create: false });
      const handle = await openForReading(target);
      try {
        const stats = await handle.stat();
        if (stats.isDirectory()) throw invalidPath("is_a_directory");
        if (!stats.isFile()) throw invalidPath("not_a_regular_file");
        const start = Math.min(offset, stats.size);
        const content = await readRange(handle, start, Math.min(maxBytes, stats.size - start));
        return { path, content, size: stats.size, offset: start };
      } finally {
        await handle.close();
      }
    },

    async write(raw, content) {
      const path = normalizeFilePath(raw);
      if (content.byteLength > maxFileBytes) throw fileTooLarge(maxFileBytes);
      const { target } = await resolveFile(path, { create: true });
      const existing = await lstatIfExists(target);
      if (existing) {
        refuseUnusual(existing);
        if (existing.isDirectory()) throw invalidPath("is_a_directory");
      }
      await assertWithinQuota(content.byteLength, existing?.size ?? 0);
      await replaceAtomically(target, content);
      return entryOf(path, await lstat(target));
    },

    async delete(raw) {
      const { target } = await resolveFile(raw, { create: false });
      const stats = await lstatIfExists(target);
      if (!stats) throw fileNotFound();
      refuseUnusual(stats);
      // rm does not follow links inside the directory either: it removes the links themselves.
      if (stats.isDirectory()) await rm(target, { recursive: true });
      else await unlink(target);
    },
  };
}
