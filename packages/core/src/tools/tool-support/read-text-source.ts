import { isAppError } from "../../errors/app-error.js";
import type { FileContent, ProjectWorkspace } from "../../workspace/project-workspace.js";
import { fail, succeed, type Outcome } from "./outcome.js";

/** Where a tool's input text comes from: inline, or a file in the project's workspace. */
export interface TextSource {
  text?: string | undefined;
  path?: string | undefined;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads the input text of a tool. A file is read through the project's workspace (so the path is
 * confined to the project) and refused when it is larger than `maxBytes` rather than silently cut,
 * because a half-read CSV or JSON would produce a wrong answer that looks right.
 */
export async function readTextSource(source: TextSource, workspace: ProjectWorkspace, maxBytes: number): Promise<Outcome<string>> {
  if (source.text !== undefined && source.path !== undefined) return fail("Give either `text` or `path`, not both.");
  if (source.text !== undefined) return succeed(source.text);
  if (source.path === undefined) return fail("Give the input either inline as `text` or as a workspace file `path`.");

  const path = source.path;
  let file: FileContent;
  try {
    file = await workspace.read(path, { maxBytes });
  } catch (error) {
    return describeReadFailure(path, error);
  }
  if (file.size > maxBytes) {
    return fail(`The file ${path} is ${file.size} bytes; this tool reads files of at most ${maxBytes} bytes.`);
  }
  try {
    return succeed(utf8.decode(file.content));
  } catch {
    return fail(`The file ${path} is not UTF-8 text.`);
  }
}

const missingFileCodes = new Set(["ENOENT", "ENOTDIR", "EISDIR"]);

/** A bad path is the model's mistake and goes back to it; anything else is the server's and is rethrown. */
function describeReadFailure(path: string, error: unknown): Outcome<string> {
  if (isAppError(error) && error.category === "user") return fail(`Cannot read ${path}: ${error.message}`);
  if (error instanceof Error && "code" in error && typeof error.code === "string" && missingFileCodes.has(error.code)) {
    return fail(`Cannot read ${path}: there is no such file in the project's workspace.`);
  }
  throw error;
}
