import { defineConfig } from "vitest/config";

/**
 * Two projects per package: fast unit tests beside the code, and `*.integration.test.ts`
 * against the real PostgreSQL and Redis of the machine (each suite in its own database).
 */
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["src/**/*.test.ts"], exclude: ["src/**/*.integration.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["src/**/*.integration.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
