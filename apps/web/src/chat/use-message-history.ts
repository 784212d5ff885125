import { useInfiniteQuery } from "@tanstack/react-query";
import { useTRPC, useTRPCClient } from "../trpc/trpc.js";
import type { Message } from "./chat-types.js";
import { fetchHistoryPage, newerPageParam, olderPageParam } from "./history-pages.js";

/** The query key of a session's history; under `messages.list`, so invalidating that path refreshes it. */
export function useHistoryKey(sessionId: string) {
  const trpc = useTRPC();
  return [...trpc.messages.list.pathKey(), { sessionId, view: "history" }] as const;
}

/** A session's messages, newest page first, with older pages loaded on demand. */
export function useMessageHistory(projectId: string, sessionId: string) {
  const client = useTRPCClient();
  const queryKey = useHistoryKey(sessionId);
  const history = useInfiniteQuery({
    queryKey,
    initialPageParam: "newest",
    queryFn: ({ pageParam, signal }) =>
      fetchHistoryPage(async (page) => {
        const { messages, total } = await client.messages.list.query({ projectId, sessionId, ...page }, { signal });
        return { items: messages, total };
      }, pageParam),
    getPreviousPageParam: olderPageParam,
    getNextPageParam: newerPageParam,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const messages: Message[] = history.data?.pages.flatMap((page) => page.items) ?? [];
  return { history, messages };
}
