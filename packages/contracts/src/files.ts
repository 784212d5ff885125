import { z } from "zod";
import { pagination, projectScope } from "./common.js";

/**
 * Paths are only bounded here; the server normalizes and confines them (refusing `..`, absolute
 * paths, backslashes and control characters with `INVALID_PATH`), so there is one rule, not two.
 */
export const maxFilePathLength = 1024;
/** Bytes one `files.read` call returns at most; larger files are read in pages. */
export const maxFileReadBytes = 4 * 1024 * 1024;
/**
 * Base64 characters one `files.upload` accepts (16 MiB of bytes), a bound on decoding work; the
 * server's configured file limit (`FILE_TOO_LARGE`) and the transport's body limit apply first.
 * Large files are uploaded with `PUT /my/projects/{project_id}/files/{path}` as raw bytes.
 */
export const maxUploadBase64Length = 4 * Math.ceil((16 * 1024 * 1024) / 3);

const filePath = z.string().min(1, "must not be empty").max(maxFilePathLength);

export const listFilesInput = z.strictObject({
  ...projectScope,
  /** The directory to list; the workspace root when absent or empty. */
  path: z.string().max(maxFilePathLength).default(""),
  ...pagination,
});

export const uploadFileInput = z.strictObject({
  ...projectScope,
  path: filePath,
  contentBase64: z.base64({ message: "must be base64 text" }).max(maxUploadBase64Length),
});

export const readFileInput = z.strictObject({
  ...projectScope,
  path: filePath,
  offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  maxBytes: z.number().int().min(1).max(maxFileReadBytes).default(maxFileReadBytes),
});

export const deleteFileInput = z.strictObject({ ...projectScope, path: filePath });

export const fileEntryOutput = z.object({
  path: z.string(),
  kind: z.enum(["file", "directory"]),
  /** Bytes; 0 for directories. */
  size: z.number().int().min(0),
  modifiedAt: z.string(),
});

export const fileListOutput = z.object({ files: z.array(fileEntryOutput), total: z.number().int() });

export const fileContentOutput = z.object({
  path: z.string(),
  contentBase64: z.string(),
  /** The whole file's size. */
  size: z.number().int().min(0),
  offset: z.number().int().min(0),
  /** Where the next page starts, or null when this page reaches the end. */
  nextOffset: z.number().int().min(0).nullable(),
});

export type FileEntry = z.output<typeof fileEntryOutput>;
