// Generates the Prisma client. `prisma generate` itself runs on WebAssembly, but the CLI first
// tries to download a native schema engine; pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing
// file skips that download. Only set when unset, so a normal network setup is left alone.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE ??= "1";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const result = spawnSync("npx", ["--no-install", "prisma", "generate"], { cwd: root, env, stdio: "inherit" });
process.exit(result.status ?? 1);
