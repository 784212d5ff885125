import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("workspace configuration", () => {
  it("keeps workspaces in the data directory with a 10 MiB file limit and no quota by default", () => {
    const config = loadConfig({ INIT_CWD: "/srv/codelab" });

    expect(config).toMatchObject({ workspaceRoot: "/srv/codelab/.codelab/workspaces", WORKSPACE_MAX_FILE_BYTES: 10 * 1024 * 1024 });
    expect(config.WORKSPACE_MAX_BYTES).toBeUndefined();
  });

  it("follows CODELAB_DATA_DIR, and resolves WORKSPACE_ROOT from the starting directory", () => {
    expect(loadConfig({ INIT_CWD: "/srv/codelab", CODELAB_DATA_DIR: "state" }).workspaceRoot).toBe("/srv/codelab/state/workspaces");
    expect(loadConfig({ INIT_CWD: "/srv/codelab", WORKSPACE_ROOT: "files" }).workspaceRoot).toBe("/srv/codelab/files");
    expect(loadConfig({ INIT_CWD: "/srv/codelab", WORKSPACE_ROOT: "/var/lib/codelab" }).workspaceRoot).toBe("/var/lib/codelab");
  });

  it("reads the limits", () => {
    const config = loadConfig({ WORKSPACE_MAX_FILE_BYTES: "1048576", WORKSPACE_MAX_BYTES: "52428800" });

    expect([config.WORKSPACE_MAX_FILE_BYTES, config.WORKSPACE_MAX_BYTES]).toEqual([1_048_576, 52_428_800]);
  });

  it.each([
    ["WORKSPACE_MAX_FILE_BYTES", "0"],
    ["WORKSPACE_MAX_FILE_BYTES", "ten"],
    ["WORKSPACE_MAX_BYTES", "1.5"],
    ["WORKSPACE_MAX_BYTES", "-1"],
  ])("refuses %s=%j naming the variable", (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}: must be a whole number`));
  });
});
