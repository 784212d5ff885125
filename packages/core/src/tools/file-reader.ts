import { z } from "zod";
import { isAppError } from "../errors/app-error.js";
import type { ProjectWorkspace, WorkspaceEntry } from "../workspace/project-workspace.js";
import { invalidPathReasonOf } from "../workspace/workspace-errors.js";
import { maxPathBytes, normalizeDirectoryPath } from "../workspace/workspace-path.js";
import { decodeTextPage } from "./file-reader/text-page.js";
import { defineTool, type ToolResult } from "./tool.js";

/** About 8k tokens of code: enough to see a file's shape; the model pages on for the rest. */
export const defaultPageBytes = 32 * 1024;
export const maxPageBytes = 64 * 1024;
// Above the longest UTF-8 character, so a page always holds at least one whole one.
const minPageBytes = 64;
/** Entries shown of one directory; the rest are counted. */
export const maxListedEntries = 500;

const fileReaderInput = z.strictObject({
  path: z
    .string()
    .max(maxPathBytes)
    .describe("A file or directory relative to the project's workspace root, '/'-separated; '.' is the root."),
  offset: z.number().int().min(0).optional().describe("Byte offset to read from; a previous result names the next one."),
  maxBytes: z
    .number()
    .int()
    .min(minPageBytes)
    .max(maxPageBytes)
    .optional()
    .describe(`Bytes to read at most (default ${defaultPageBytes}).`),
  list: z.boolean().optional().describe("List the directory at `path` instead of reading a file."),
});

type FileReaderInput = z.infer<typeof fileReaderInput>;

const quoted = (path: string) => JSON.stringify(path === "" ? "." : path);

function describeListing(directory: string, entries: WorkspaceEntry[]): string {
  if (entries.length === 0) return `Directory ${quoted(directory)} is empty.`;
  const shown = entries.slice(0, maxListedEntries).map((entry) => (entry.kind === "directory" ? `${entry.path}/` : `${entry.path} (${entry.size} bytes)`));
  const more = entries.length > maxListedEntries ? [`… and ${entries.length - maxListedEntries} more entries`] : [];
  return [`Directory ${quoted(directory)} (${entries.length} entries):`, ...shown, ...more].join("\n");
}

async function listDirectory(workspace: ProjectWorkspace, path: string): Promise<ToolResult> {
  const directory = normalizeDirectoryPath(path);
  return { content: describeListing(directory, await workspace.list(directory)) };
}

async function readText(workspace: ProjectWorkspace, { path, offset = 0, maxBytes = defaultPageBytes }: FileReaderInput): Promise<ToolResult> {
  const file = await workspace.read(path, { offset, maxBytes });
  const name = quoted(file.path);
  if (file.size === 0) return { content: `File ${name} is empty.` };
  if (offset >= file.size) return { content: `File ${name} has ${file.size} bytes; offset ${offset} is at or past its end.`, isError: true };
  const atEndOfFile = file.offset + file.content.byteLength >= file.size;
  const page = decodeTextPage(file.content, { offset: file.offset, atEndOfFile });
  if (page.kind === "binary") {
    return { content: `File ${name} is not UTF-8 text (it looks binary); file_reader reads text files only.`, isError: true };
  }
  const position = `bytes ${page.start}-${page.end} of ${file.size}`;
  const header =
    page.end < file.size
      ? `File ${name}, ${position}. More follows: read again with offset ${page.end}.`
      : `File ${name}, ${position} (end of file).`;
  return { content: `${header}\n\n${page.text}` };
}

/**
 * Reads a text file of the project's workspace a page at a time, or lists a directory. It sees
 * only `context.workspace`: whatever a file says, and whatever path the model sends, nothing
 * outside the project's workspace can be named.
 */
export const fileReaderTool = defineTool({
  name: "file_reader",
  description:
    "Read a text file from the project's workspace, a page at a time (the result gives the total size and the next offset), " +
    "or list a directory (set `list`, or give a directory path).",
  inputSchema: fileReaderInput,
  risk: "safe",
  limits: { timeoutMilliseconds: 10_000, maxResultChars: 70_000 },
  async run(input, { workspace }) {
    try {
      if (input.list === true || normalizeDirectoryPath(input.path) === "") return await listDirectory(workspace, input.path);
      try {
        return await readText(workspace, input);
      } catch (error) {
        if (invalidPathReasonOf(error) === "is_a_directory") return await listDirectory(workspace, input.path);
        throw error;
      }
    } catch (error) {
      // A bad path or a missing file is the model's to correct; anything else is the server's problem.
      if (isAppError(error) && error.category === "user") return { content: `${quoted(input.path)}: ${error.message}`, isError: true };
      throw error;
    }
  },
});
