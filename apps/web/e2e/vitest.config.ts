import { defineConfig } from "vitest/config";

/** Browser scenarios against the built SPA and a real server: one server for the run, files one after another. */
export default defineConfig({
  test: {
    name: "browser",
    include: ["e2e/**/*.e2e.test.ts"],
    globalSetup: ["e2e/support/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
