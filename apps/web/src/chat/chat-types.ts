import type { RouterInputs, RouterOutputs } from "@codelab/sdk";

export type Message = RouterOutputs["messages"]["list"]["messages"][number];

type EventEnvelope = RouterOutputs["chat"]["events"] extends AsyncIterable<infer Envelope> ? Envelope : never;

/** One event of a session, as the server stored it (`id` orders them). */
export type SessionEvent = EventEnvelope["data"];

export type EventOfType<Type extends SessionEvent["type"]> = Extract<SessionEvent, { type: Type }>;

export type SendInput = RouterInputs["chat"]["send"];
