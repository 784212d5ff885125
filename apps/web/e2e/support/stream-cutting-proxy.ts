import { createServer, connect, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

export interface StreamCuttingProxy {
  /** Use instead of the server's URL. */
  url: string;
  /** Drops every open event-stream connection, as a flaky network would; other requests are untouched. */
  cutEventStreams(): number;
  close(): Promise<void>;
}

const eventStreamRequest = /^GET \/trpc\/chat\.events[?\s]/;

/** A TCP proxy in front of the server that can cut the browser's live event streams mid-way. */
export async function startStreamCuttingProxy(targetUrl: string): Promise<StreamCuttingProxy> {
  const target = new URL(targetUrl);
  const streams = new Set<Socket>();
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(upstream);
    // Connections are kept alive and reused, so any request on one may be the one that opens a stream.
    client.on("data", (chunk: Buffer) => {
      if (eventStreamRequest.test(chunk.toString("latin1", 0, 64))) streams.add(client);
    });
    client.pipe(upstream);
    upstream.pipe(client);
    const forget = () => {
      client.destroy();
      upstream.destroy();
      streams.delete(client);
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", forget).on("close", forget);
    upstream.on("error", forget).on("close", forget);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    cutEventStreams() {
      const count = streams.size;
      for (const stream of streams) stream.destroy();
      return count;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
