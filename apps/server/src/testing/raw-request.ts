import { request as httpRequest, type IncomingHttpHeaders } from "node:http";

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The body as JSON, or undefined when it is not JSON. */
  json(): unknown;
}

export interface RawRequestOptions {
  method: string;
  /** Sent exactly as given: `fetch` and `URL` would resolve `..` and `%2e%2e` before the server saw them. */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

/** One HTTP request with the path untouched, for what a hostile client can send. */
export function rawRequest(baseUrl: string, { method, path, headers = {}, body }: RawRequestOptions): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ hostname, port, method, path, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        const content = Buffer.concat(chunks);
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: content,
          json: () => {
            try {
              return JSON.parse(content.toString("utf8")) as unknown;
            } catch {
              return undefined;
            }
          },
        });
      });
    });
    request.on("error", reject);
    request.end(body);
  });
}
