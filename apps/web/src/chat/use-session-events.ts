import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useRef, useState } from "react";
import { errorCode } from "../trpc/error-message.js";
import { useTRPC } from "../trpc/trpc.js";
import type { SessionEvent } from "./chat-types.js";
import { isAfter } from "./event-id.js";

export type ConnectionState = "connecting" | "live" | "reconnecting";

const retryDelaysMs = [1_000, 2_000, 5_000, 10_000];

export interface SessionEventsOptions {
  projectId: string;
  sessionId: string;
  onEvent: (event: SessionEvent) => void;
  /** The server no longer holds the events after our resume point: whatever is on screen must be reloaded. */
  onResync: () => void;
}

/**
 * The session's live events, each delivered once and in order. tRPC's client resumes a dropped
 * stream from the last event id by itself; when the subscription fails outright (expired token,
 * server restart) it is opened again from that id, and anything already seen is skipped.
 */
export function useSessionEvents({ projectId, sessionId, onEvent, onResync }: SessionEventsOptions): ConnectionState {
  const trpc = useTRPC();
  const [resumeFrom, setResumeFrom] = useState<string | null>(null);
  const lastSeen = useRef<string | null>(null);
  const failures = useRef(0);
  const [wasLive, setWasLive] = useState(false);
  const handlers = useRef({ onEvent, onResync });
  useEffect(() => {
    handlers.current = { onEvent, onResync };
  });
  const retryTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(retryTimer.current), []);

  const subscription = useSubscription(
    trpc.chat.events.subscriptionOptions(
      { projectId, sessionId, lastEventId: resumeFrom },
      // eslint-disable-next-line react-hooks/refs -- these callbacks run on stream events, never during render
      {
        onStarted: () => {
          failures.current = 0;
          setWasLive(true);
        },
        onData: ({ id, data }) => {
          if (lastSeen.current !== null && !isAfter(id, lastSeen.current)) return;
          lastSeen.current = id;
          handlers.current.onEvent(data);
        },
        onError: (error) => {
          const code = errorCode(error);
          // The chat (or its project) is gone: the page says so through its queries; nothing to resume.
          if (code === "SESSION_NOT_FOUND" || code === "PROJECT_NOT_FOUND") return;
          const trimmed = code === "PRECONDITION_FAILED";
          const delay = retryDelaysMs[Math.min(failures.current, retryDelaysMs.length - 1)];
          failures.current += 1;
          clearTimeout(retryTimer.current);
          retryTimer.current = setTimeout(() => {
            if (trimmed) {
              lastSeen.current = null;
              handlers.current.onResync();
            }
            if (lastSeen.current !== resumeFrom) setResumeFrom(lastSeen.current);
            else subscription.reset();
          }, delay);
        },
      },
    ),
  );

  if (subscription.status === "pending") return "live";
  return wasLive ? "reconnecting" : "connecting";
}
