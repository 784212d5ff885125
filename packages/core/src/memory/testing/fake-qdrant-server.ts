import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A fake of the few Qdrant REST endpoints the memory store calls, written from Qdrant's
 * documented API (https://api.qdrant.tech) so the real `@qdrant/js-client-rest` can talk to it.
 * It is NOT Qdrant: no Qdrant server can be had on the machines these tests run on. It holds
 * points in memory, scores by cosine exactly, and understands only the filters the store sends
 * (`must` of `match.value` and `has_id`); anything else is answered 400 so a new query shape
 * cannot pass unnoticed. Every request is recorded for the tests to inspect.
 */

export interface FakeQdrantRequest {
  method: string;
  path: string;
  body: Record<string, unknown>;
}

interface Point {
  id: string;
  vector: number[];
  payload: Record<string, unknown>;
}

interface Collection {
  size: number;
  distance: string;
  indexes: Map<string, unknown>;
  points: Map<string, Point>;
}

export interface FakeQdrantServer {
  url: string;
  requests: FakeQdrantRequest[];
  collections: Map<string, Collection>;
  /** Puts a collection in place as another process (or an older version) would have left it. */
  createCollection(name: string, size: number): void;
  close(): Promise<void>;
}

class BadRequest extends Error {}
const normalized = (vector: number[]) => {
  const length = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0)) || 1;
  return vector.map((value) => value / length);
};

function matchesFilter(point: Point, filter: unknown): boolean {
  if (filter === undefined || filter === null) return true;
  const { must, ...rest } = filter as { must?: unknown };
  if (Object.keys(rest).length > 0 || !Array.isArray(must)) throw new BadRequest(`fake supports only {must: [...]}, got ${JSON.stringify(filter)}`);
  return must.every((condition: unknown) => {
    const { key, match, has_id } = condition as { key?: string; match?: { value?: unknown }; has_id?: unknown[] };
    if (Array.isArray(has_id)) return has_id.includes(point.id);
    if (typeof key === "string" && match && "value" in match) return point.payload[key] === match.value;
    throw new BadRequest(`fake does not support condition ${JSON.stringify(condition)}`);
  });
}

const withPayload = (point: Point, body: Record<string, unknown>) => ({ id: point.id, version: 1, payload: body.with_payload ? point.payload : null });

function route(collections: Map<string, Collection>, method: string, path: string, body: Record<string, unknown>): unknown {
  if (method === "GET" && path === "/") {
    // The API version this fake follows: the one of the client in package.json.
    return { title: "fake qdrant", version: "1.18.0" };
  }
  const match = /^\/collections\/([^/]+)(\/.*)?$/.exec(path);
  if (!match) throw new NotFound(path);
  const name = match[1]!;
  const rest = match[2] ?? "";
  const collection = collections.get(name);
  if (method === "GET" && rest === "/exists") return { exists: collection !== undefined };
  if (method === "PUT" && rest === "") {
    if (collection) throw new Conflict(`Collection \`${name}\` already exists!`);
    const vectors = body.vectors as { size: number; distance: string };
    collections.set(name, { size: vectors.size, distance: vectors.distance, indexes: new Map(), points: new Map() });
    return true;
  }
  if (!collection) throw new NotFound(`Collection \`${name}\` doesn't exist!`);
  const points = [...collection.points.values()];
  switch (`${method} ${rest}`) {
    case "GET ":
      return { status: "green", points_count: points.length, config: { params: { vectors: { size: collection.size, distance: collection.distance } } } };
    case "PUT /index":
      collection.indexes.set(body.field_name as string, body.field_schema);
      return { operation_id: 1, status: "completed" };
    case "PUT /points":
      for (const point of body.points as Point[]) {
        if (point.vector.length !== collection.size) throw new BadRequest(`expected dim: ${collection.size}, got ${point.vector.length}`);
        collection.points.set(String(point.id), { ...point, id: String(point.id), vector: normalized(point.vector) });
      }
      return { operation_id: 1, status: "completed" };
    case "POST /points/query": {
      const query = normalized(body.query as number[]);
      const threshold = typeof body.score_threshold === "number" ? body.score_threshold : -Infinity;
      return {
        points: points
          .filter((point) => matchesFilter(point, body.filter))
          .map((point) => ({ ...withPayload(point, body), score: point.vector.reduce((sum, value, index) => sum + value * query[index]!, 0) }))
          .filter((point) => point.score >= threshold)
          .sort((left, right) => right.score - left.score)
          .slice(0, (body.limit as number | undefined) ?? 10),
      };
    }
    case "POST /points/scroll": {
      const orderBy = body.order_by as { key: string; direction?: string } | undefined;
      if (orderBy && !collection.indexes.has(orderBy.key)) throw new BadRequest(`No range index for \`order_by\` key: \`${orderBy.key}\``);
      const sign = orderBy?.direction === "desc" ? -1 : 1;
      const sortKey = (point: Point) => String(orderBy ? point.payload[orderBy.key] : point.id);
      return {
        points: points
          .filter((point) => matchesFilter(point, body.filter))
          .sort((left, right) => sign * sortKey(left).localeCompare(sortKey(right)))
          .slice(0, (body.limit as number | undefined) ?? 10)
          .map((point) => withPayload(point, body)),
        next_page_offset: null,
      };
    }
    case "POST /points/count":
      return { count: points.filter((point) => matchesFilter(point, body.filter)).length };
    case "POST /points/delete":
      for (const point of points) if (matchesFilter(point, body.filter)) collection.points.delete(point.id);
      return { operation_id: 1, status: "completed" };
    default:
      throw new NotFound(`${method} ${path}`);
  }
}

class NotFound extends Error {}
class Conflict extends Error {}

function statusOf(error: unknown): number {
  if (error instanceof BadRequest) return 400;
  if (error instanceof NotFound) return 404;
  if (error instanceof Conflict) return 409;
  return 500;
}

export async function startFakeQdrantServer(): Promise<FakeQdrantServer> {
  const requests: FakeQdrantRequest[] = [];
  const collections = new Map<string, Collection>();

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString();
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    const path = new URL(request.url ?? "/", "http://fake").pathname;
    requests.push({ method: request.method ?? "GET", path, body });
    const started = performance.now();
    try {
      const result = route(collections, request.method ?? "GET", path, body);
      const time = (performance.now() - started) / 1000;
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(path === "/" ? result : { result, status: "ok", time }));
    } catch (error) {
      const time = (performance.now() - started) / 1000;
      response.writeHead(statusOf(error), { "content-type": "application/json" }).end(JSON.stringify({ status: { error: String(error) }, time }));
    }
  }

  const server = createServer((request, response) => void handle(request, response));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    collections,
    createCollection(name, size) {
      collections.set(name, { size, distance: "Cosine", indexes: new Map(), points: new Map() });
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
