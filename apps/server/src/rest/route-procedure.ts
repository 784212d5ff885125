import { procedureTypeAt, type ProcedureType } from "../http/procedure-type.js";
import type { RestRoute } from "./routes.js";

export interface RouteProcedure {
  /** tRPC's path of the procedure, `projects.list`. */
  path: string;
  type: ProcedureType;
}

/** Records the property names a route's `(caller) => caller.projects.list` reads, without a caller. */
function pathRead(route: RestRoute): string {
  const segments: string[] = [];
  const recorder: object = new Proxy(() => undefined, {
    get(_target, property) {
      segments.push(String(property));
      return recorder;
    },
  });
  route.procedure(recorder as Parameters<RestRoute["procedure"]>[0]);
  return segments.join(".");
}

/**
 * The procedure a route forwards to, found once at start-up: a request then calls it by path, as
 * tRPC's own HTTP handler does, instead of building a caller (a tree of proxies) every time.
 */
export function routeProcedure(route: RestRoute): RouteProcedure {
  const path = pathRead(route);
  const type = procedureTypeAt(path);
  if (!type) throw new Error(`REST route ${route.method.toUpperCase()} ${route.path} names no procedure ("${path}")`);
  return { path, type };
}
