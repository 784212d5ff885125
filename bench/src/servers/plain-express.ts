// The baseline: the same auth and the same use-case as CodeLab's project list, in a bare express handler.
import type { AddressInfo } from "node:net";
import express from "express";
import { createDatabase } from "@codelab/db";
import { AppError, authenticate, createTokenService, isAppError, listProjects, systemClock } from "@codelab/core";
import { runServerChild } from "../lib/server-child.js";

function bearerToken(authorization: string | undefined): string {
  const match = authorization ? /^Bearer ([^\s]+)$/i.exec(authorization.trim()) : null;
  if (!match?.[1]) throw new AppError("UNAUTHENTICATED", "Missing or invalid Authorization header");
  return match[1];
}

await runServerChild(async ({ databaseUrl, jwtSecret }) => {
  const db = createDatabase({ connectionString: databaseUrl });
  const tokens = createTokenService({ secret: jwtSecret, accessTokenTtlSeconds: 3600, refreshTokenTtlSeconds: 3600, clock: systemClock });

  const app = express();
  app.disable("x-powered-by");
  app.get("/projects", async (request, response) => {
    try {
      const { userId } = await authenticate({ db, tokens }, { token: bearerToken(request.headers.authorization) });
      const limit = Number(request.query.limit ?? 20);
      response.json(await listProjects({ db }, { userId, limit, offset: 0 }));
    } catch (error) {
      const unauthenticated = isAppError(error) && error.code === "UNAUTHENTICATED";
      response.status(unauthenticated ? 401 : 500).json({ error: unauthenticated ? error.code : "INTERNAL" });
    }
  });

  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.$disconnect();
    },
  };
});
