import { describe, expect, it } from "vitest";
import { createBoundedFetch, ResponseTooLargeError } from "./bounded-fetch.js";

const boundedFetch = createBoundedFetch({ maxLineBytes: 10, maxBodyBytes: 20 });
const dataUrl = (contentType: string, body: string) => `data:${contentType},${encodeURIComponent(body)}`;

describe("createBoundedFetch", () => {
  it("passes an event stream whose lines fit", async () => {
    const body = "data: 1234\n\ndata: 5678\n\n".repeat(5);
    expect(await (await boundedFetch(dataUrl("text/event-stream", body))).text()).toBe(body);
  });

  it("errors an event stream with a line over the limit, however short the whole body", async () => {
    const response = await boundedFetch(dataUrl("text/event-stream", "data: 12345678901\n\n"));
    await expect(response.text()).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it("errors any other body over the total limit", async () => {
    expect(await (await boundedFetch(dataUrl("application/json", `"${"x".repeat(18)}"`))).json()).toHaveLength(18);
    const response = await boundedFetch(dataUrl("application/json", `"${"x".repeat(19)}"`));
    await expect(response.json()).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it("keeps the status and headers", async () => {
    const response = await boundedFetch(dataUrl("application/json", "{}"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
  });
});
