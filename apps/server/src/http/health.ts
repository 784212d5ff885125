import { Router } from "express";
import type { Redis } from "ioredis";
import type { Database } from "@codelab/db";

const probeTimeoutMs = 2000;

async function probe(check: () => Promise<unknown>): Promise<"ok" | "unavailable"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error("probe timed out")), probeTimeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return "ok";
  } catch {
    return "unavailable";
  } finally {
    clearTimeout(timer);
  }
}

/** `/health` answers while the process lives; `/health/ready` only while its backends answer too. */
export function createHealthRouter({ db, redis }: { db: Database; redis: Redis | undefined }): Router {
  const router = Router();
  router.get("/health", (_request, response) => {
    response.json({ status: "ok" });
  });
  router.get("/health/ready", async (_request, response) => {
    const [database, cache] = await Promise.all([
      probe(() => db.$queryRaw`SELECT 1`),
      redis ? probe(() => redis.ping()) : Promise.resolve("ok" as const),
    ]);
    const ready = database === "ok" && cache === "ok";
    response.status(ready ? 200 : 503).json({ status: ready ? "ready" : "unavailable", checks: { database, redis: cache } });
  });
  return router;
}
