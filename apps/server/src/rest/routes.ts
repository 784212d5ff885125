import type { createCaller } from "@codelab/api";

type Caller = ReturnType<typeof createCaller>;

/** Any procedure: its input schema, not this table, decides what it accepts. */
type Procedure = (input: never) => Promise<unknown>;

/** The parts of an HTTP request a procedure's input is assembled from; path parameters always win. */
export type InputPart = "body" | "page" | "search" | "idempotency";

export interface RestRoute {
  method: "get" | "post" | "patch" | "delete";
  path: string;
  /** 204 answers with no body; a function picks the status from the result (202: accepted, still running). */
  status: 200 | 201 | 204 | ((result: unknown) => 200 | 202);
  procedure: (caller: Caller) => Procedure;
  from: InputPart[];
}

const project = "/projects/:projectId/";
const agent = `${project}agents/:agentId/`;
const sessions = `${project}chat/sessions/`;
const session = `${sessions}:sessionId/`;
const plans = `${project}plans/`;
const plan = `${plans}:planId/`;
const toolCalls = `${project}tool-calls/`;

/** A message without `target_agent` becomes a plan that runs on after the response: 202 Accepted. */
const acceptedWhenPlanned = (reply: unknown) => (typeof reply === "object" && reply !== null && "kind" in reply && reply.kind === "plan" ? 202 : 200);

// One row per documented endpoint, each forwarding to the procedure of the same behaviour:
// validation, ownership checks and errors all happen there, exactly as over tRPC.
export const restRoutes: RestRoute[] = [
  { method: "get", path: "/settings/", status: 200, procedure: (c) => c.settings.get, from: [] },
  { method: "patch", path: "/settings/", status: 200, procedure: (c) => c.settings.update, from: ["body"] },

  { method: "post", path: "/projects/", status: 201, procedure: (c) => c.projects.create, from: ["body"] },
  { method: "get", path: "/projects/", status: 200, procedure: (c) => c.projects.list, from: ["page"] },
  { method: "get", path: project, status: 200, procedure: (c) => c.projects.get, from: [] },
  { method: "patch", path: project, status: 200, procedure: (c) => c.projects.update, from: ["body"] },
  { method: "delete", path: project, status: 204, procedure: (c) => c.projects.delete, from: [] },

  { method: "get", path: `${project}agents/`, status: 200, procedure: (c) => c.agents.list, from: ["page"] },
  { method: "post", path: `${project}agents/`, status: 201, procedure: (c) => c.agents.create, from: ["body"] },
  { method: "get", path: agent, status: 200, procedure: (c) => c.agents.get, from: [] },
  { method: "patch", path: agent, status: 200, procedure: (c) => c.agents.update, from: ["body"] },
  { method: "delete", path: agent, status: 204, procedure: (c) => c.agents.delete, from: [] },

  { method: "post", path: sessions, status: 201, procedure: (c) => c.sessions.create, from: ["body"] },
  { method: "get", path: sessions, status: 200, procedure: (c) => c.sessions.list, from: ["page"] },
  { method: "get", path: session, status: 200, procedure: (c) => c.sessions.get, from: [] },
  { method: "patch", path: session, status: 200, procedure: (c) => c.sessions.update, from: ["body"] },
  { method: "delete", path: session, status: 204, procedure: (c) => c.sessions.delete, from: [] },
  { method: "get", path: `${session}messages/`, status: 200, procedure: (c) => c.messages.list, from: ["page"] },
  { method: "post", path: `${project}chat/:sessionId/message/`, status: acceptedWhenPlanned, procedure: (c) => c.chat.send, from: ["body", "idempotency"] },
  // The event stream itself is served by src/sse, mounted before this router.
  { method: "post", path: `${project}chat/:sessionId/events/ticket/`, status: 200, procedure: (c) => c.chat.eventsTicket, from: [] },

  { method: "get", path: plans, status: 200, procedure: (c) => c.plans.list, from: ["page"] },
  { method: "get", path: `${session}plans/`, status: 200, procedure: (c) => c.plans.list, from: ["page"] },
  { method: "get", path: plan, status: 200, procedure: (c) => c.plans.get, from: [] },
  { method: "post", path: `${plan}approve/`, status: 200, procedure: (c) => c.plans.approve, from: ["body"] },
  { method: "post", path: `${plan}reject/`, status: 200, procedure: (c) => c.plans.reject, from: [] },
  { method: "post", path: `${plan}cancel/`, status: 200, procedure: (c) => c.plans.cancel, from: [] },

  { method: "get", path: toolCalls, status: 200, procedure: (c) => c.toolCalls.list, from: ["page"] },
  { method: "get", path: `${session}tool-calls/`, status: 200, procedure: (c) => c.toolCalls.list, from: ["page"] },
  { method: "post", path: `${toolCalls}:toolCallId/approve/`, status: 200, procedure: (c) => c.toolCalls.approve, from: [] },
  { method: "post", path: `${toolCalls}:toolCallId/reject/`, status: 200, procedure: (c) => c.toolCalls.reject, from: [] },

  { method: "get", path: `${agent}memories/`, status: 200, procedure: (c) => c.agents.memories.list, from: ["page"] },
  { method: "get", path: `${agent}memories/search/`, status: 200, procedure: (c) => c.agents.memories.search, from: ["search"] },
  { method: "post", path: `${agent}memories/`, status: 201, procedure: (c) => c.agents.memories.add, from: ["body"] },
  { method: "delete", path: `${agent}memories/:memoryId/`, status: 204, procedure: (c) => c.agents.memories.delete, from: [] },
];
