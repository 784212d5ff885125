import { isIPv6 } from "node:net";
import type { CookieOptions, Request, Response } from "express";
import type { RefreshTokenStore, RequestInfo } from "@codelab/api";

const refreshCookieName = "codelab_refresh";
// The cookie only ever travels to the tRPC endpoint, where auth.refresh reads it.
const refreshCookiePath = "/trpc";

function decodeCookieValue(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    // A broken %-escape is no token of ours: hand it on as it is, to be refused as malformed (401, not 500).
    return raw;
  }
}

function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const separator = part.indexOf("=");
    if (separator > 0 && part.slice(0, separator).trim() === name) return decodeCookieValue(part.slice(separator + 1).trim());
  }
  return undefined;
}

const ipv4Mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * The key login attempts are counted under. One IPv6 subscriber is usually handed a whole /64,
 * so counting single IPv6 addresses would let one client rotate through billions of them.
 */
function clientNetwork(address: string): string {
  const mapped = ipv4Mapped.exec(address)?.[1];
  if (mapped) return mapped;
  if (!isIPv6(address)) return address;
  const [withoutZone = address] = address.split("%");
  const [head = "", tail] = withoutZone.split("::");
  // An embedded dotted IPv4 tail (64:ff9b::192.0.2.1) fills two groups.
  const groupsOf = (part: string) => (part === "" ? [] : part.split(":").flatMap((group) => (group.includes(".") ? ["0", "0"] : [group])));
  const headGroups = groupsOf(head);
  const tailGroups = tail === undefined ? [] : groupsOf(tail);
  const zeros = Array.from({ length: 8 - headGroups.length - tailGroups.length }, () => "0");
  const prefix = [...headGroups, ...zeros, ...tailGroups].slice(0, 4).map((group) => Number.parseInt(group, 16).toString(16));
  return `${prefix.join(":")}::/64`;
}

/** The refresh cookie of one exchange; a class rather than closures, as every request builds one and few use it. */
class CookieRefreshTokenStore implements RefreshTokenStore {
  readonly #request: Request;
  readonly #response: Response;
  readonly #secure: boolean;

  constructor(request: Request, response: Response, secure: boolean) {
    this.#request = request;
    this.#response = response;
    this.#secure = secure;
  }

  get #cookieOptions(): CookieOptions {
    return { httpOnly: true, sameSite: "strict", secure: this.#secure, path: refreshCookiePath };
  }

  read(): string | undefined {
    return readCookie(this.#request, refreshCookieName);
  }

  write(token: string, maxAgeSeconds: number): void {
    this.#response.cookie(refreshCookieName, token, { ...this.#cookieOptions, maxAge: maxAgeSeconds * 1000 });
  }

  clear(): void {
    this.#response.clearCookie(refreshCookieName, this.#cookieOptions);
  }
}

/** The transport-neutral view of an express request that procedures receive. */
export function requestInfoFrom(request: Request, response: Response, { secureCookies }: { secureCookies: boolean }): RequestInfo {
  return {
    authorization: request.headers.authorization,
    // Only sign-in needs it, and resolving it (trusted proxies, IPv6 networks) is work every other request would pay for.
    get clientIp() {
      return clientNetwork(request.ip ?? request.socket.remoteAddress ?? "unknown");
    },
    refreshToken: new CookieRefreshTokenStore(request, response, secureCookies),
  };
}
