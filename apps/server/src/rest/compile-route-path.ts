export interface CompiledRoutePath {
  pattern: RegExp;
  /** The parameters' names, in the order of the pattern's groups. */
  names: string[];
}

const parameter = /^:([A-Za-z_$][\w$]*)$/;
const literal = /^[\w.~-]+$/;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The regular expression express's router builds for a route path made of literal segments and
 * `:name` parameters, matched as the REST router is configured (case-insensitive, not strict: one
 * trailing slash optional). Any other path syntax is undefined, for express itself to match.
 */
export function compileRoutePath(path: string): CompiledRoutePath | undefined {
  // Non-strict routing first drops the route's own trailing slashes, as express does.
  const segments = path.replace(/\/+$/, "").split("/");
  if (segments.shift() !== "" || segments.length === 0) return undefined;
  const names: string[] = [];
  let source = "";
  for (const segment of segments) {
    const name = parameter.exec(segment)?.[1];
    if (name !== undefined) {
      names.push(name);
      source += "\\/([^\\/]+)";
    } else if (literal.test(segment)) {
      source += `\\/${escapeRegExp(segment)}`;
    } else {
      return undefined;
    }
  }
  return { pattern: new RegExp(`^(?:${source})(?:\\/$)?$`, "i"), names };
}
