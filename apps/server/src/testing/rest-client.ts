export interface RestResponse<Body> {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or `undefined` when there is none. */
  body: Body;
}

export interface RestRequestOptions {
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as it is, for bodies JSON.stringify cannot produce. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export type RestMethod = "GET" | "POST" | "PATCH" | "DELETE" | "PUT";

export interface RestClient {
  request<Body = unknown>(method: RestMethod, path: string, options?: RestRequestOptions): Promise<RestResponse<Body>>;
  get<Body = unknown>(path: string): Promise<RestResponse<Body>>;
  post<Body = unknown>(path: string, json?: unknown): Promise<RestResponse<Body>>;
  patch<Body = unknown>(path: string, json?: unknown): Promise<RestResponse<Body>>;
  delete<Body = unknown>(path: string): Promise<RestResponse<Body>>;
}

/** A thin fetch wrapper for the `/my/...` endpoints, authenticated as one user (or no one). */
export function createRestClient(url: string, token?: string): RestClient {
  async function request<Body>(method: RestMethod, path: string, options: RestRequestOptions = {}): Promise<RestResponse<Body>> {
    const { json, rawBody, headers = {} } = options;
    const body = rawBody ?? (json === undefined ? undefined : JSON.stringify(json));
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as Body };
  }
  return {
    request,
    get: (path) => request("GET", path),
    post: (path, json) => request("POST", path, { json }),
    patch: (path, json) => request("PATCH", path, { json }),
    delete: (path) => request("DELETE", path),
  };
}
