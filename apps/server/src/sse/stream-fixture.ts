import type { AppRouter } from "@codelab/api";
import type { EventScope, StoredEvent } from "@codelab/core";
import type { CodelabClient, TRPCClientError } from "@codelab/sdk";
import {
  createRestClient,
  signUp,
  type RestClient,
  type RestProject,
  type RestSession,
  type SseFrame,
  type TestServer,
} from "../testing/index.js";

/** A user with a project, able to open sessions and publish into them as the agent runtime would. */
export interface StreamUser {
  userId: string;
  token: string;
  rest: RestClient;
  projectId: string;
  createSession(): Promise<string>;
  /** `/my/projects/{project_id}/chat/{session_id}/events/` */
  eventsPath(sessionId: string): string;
  scope(sessionId: string): EventScope;
  /** Publishes one `message-delta` per text, in order, straight into the server's bus; resolves once all are stored. */
  publish(sessionId: string, texts: string[]): Promise<StoredEvent[]>;
}

export const eventsPath = (projectId: string, sessionId: string) => `/my/projects/${projectId}/chat/${sessionId}/events/`;

export async function addStreamUser(server: TestServer): Promise<StreamUser> {
  const { userId, token } = await signUp(server.url);
  const rest = createRestClient(server.url, token);
  const project = await rest.post<RestProject>("/my/projects/", { name: "Streams" });
  if (project.status !== 201) throw new Error(`could not create a project (${project.status})`);
  const projectId = project.body.id;
  const scope = (sessionId: string): EventScope => ({ userId, projectId, sessionId });
  return {
    userId,
    token,
    rest,
    projectId,
    async createSession() {
      const session = await rest.post<RestSession>(`/my/projects/${projectId}/chat/sessions/`, { topic: "Streams" });
      if (session.status !== 201) throw new Error(`could not create a session (${session.status})`);
      return session.body.id;
    },
    eventsPath: (sessionId) => eventsPath(projectId, sessionId),
    scope,
    async publish(sessionId, texts) {
      const published: StoredEvent[] = [];
      // Up to 50 in flight: one Redis connection runs them in the order they were sent.
      for (let start = 0; start < texts.length; start += 50) {
        const batch = texts.slice(start, start + 50).map((text) =>
          server.deps.events.publish(scope(sessionId), {
            type: "message-delta",
            payload: { messageId: "message-1", sessionId, agentId: "agent-1", text },
          }),
        );
        published.push(...(await Promise.all(batch)));
      }
      return published;
    },
  };
}

/** Publishes one event at a time with a pause between, as a model streaming its answer would. */
export async function publishSpaced(user: StreamUser, sessionId: string, texts: string[], spacingMilliseconds: number): Promise<void> {
  for (const text of texts) {
    await user.publish(sessionId, [text]);
    await new Promise((resolve) => setTimeout(resolve, spacingMilliseconds));
  }
}

/** Polls `condition` every 20 ms until it holds; throws after the timeout. */
export async function until(condition: () => boolean, timeoutMilliseconds = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMilliseconds;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Starts a subscription once every earlier one on the server has closed, and resolves once the
 * server has opened it. Without a resume point a subscriber only receives what is published after
 * that moment (its client hears `connected` earlier), so a test publishes only then.
 */
export async function subscribedAlone<Subscribed>(server: TestServer, subscribe: () => Subscribed): Promise<Subscribed> {
  await until(() => server.events.stats().subscriptions === 0);
  const subscribed = subscribe();
  await until(() => server.events.stats().subscriptions === 1);
  return subscribed;
}

export const texts = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => `token ${from + index}`);

/** The delta texts of the typed event frames, in order. */
export function deltaTexts(frames: SseFrame[]): string[] {
  return frames
    .filter((frame) => frame.event === "message-delta")
    .map((frame) => (JSON.parse(frame.data ?? "{}") as { payload: { text: string } }).payload.text);
}

/** What one tRPC event subscription has seen so far. */
export interface ChatEventsSubscription {
  events: Array<{ id: string; data: StoredEvent }>;
  errors: TRPCClientError<AppRouter>[];
  /** Resolves once `count` events have arrived; rejects on a subscription error or after the timeout. */
  waitForEvents(count: number, timeoutMilliseconds?: number): Promise<void>;
  /** Resolves on the first subscription error. */
  failed: Promise<TRPCClientError<AppRouter>>;
  unsubscribe(): void;
}

interface EventHandlers {
  onData(event: { id: string; data: StoredEvent }): void;
  onError(error: TRPCClientError<AppRouter>): void;
}

/** Collects what one subscription delivers; `start` subscribes with the handlers it is given. */
export function collectEvents(start: (handlers: EventHandlers) => { unsubscribe(): void }): ChatEventsSubscription {
  const events: ChatEventsSubscription["events"] = [];
  const errors: ChatEventsSubscription["errors"] = [];
  const wakers = new Set<() => void>();
  let reportFailure: (error: TRPCClientError<AppRouter>) => void = () => {};
  const failed = new Promise<TRPCClientError<AppRouter>>((resolve) => (reportFailure = resolve));
  const subscription = start({
    onData(event) {
      events.push(event);
      for (const wake of wakers) wake();
    },
    onError(error) {
      errors.push(error);
      reportFailure(error);
      for (const wake of wakers) wake();
    },
  });
  return {
    events,
    errors,
    failed,
    waitForEvents(count, timeoutMilliseconds = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`timed out with ${events.length} of ${count} events`)), timeoutMilliseconds);
        const finish = (error?: Error) => {
          clearTimeout(timer);
          wakers.delete(check);
          if (error) reject(error);
          else resolve();
        };
        const check = () => {
          if (events.length >= count) finish();
          else if (errors[0]) finish(errors[0]);
        };
        wakers.add(check);
        check();
      });
    },
    unsubscribe: () => subscription.unsubscribe(),
  };
}

/** Subscribes to `chat.events` through the SDK, as a Node program would, over Server-Sent Events. */
export function subscribeChatEvents(
  client: CodelabClient,
  input: { projectId: string; sessionId: string; lastEventId?: string },
): ChatEventsSubscription {
  return collectEvents((handlers) => client.chat.events.subscribe(input, handlers));
}

export const deltaTextsOf = (events: Array<{ data: StoredEvent }>) =>
  events.map(({ data }) => (data.type === "message-delta" ? data.payload.text : data.type));
