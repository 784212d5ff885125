import { useQuery } from "@tanstack/react-query";
import { useTRPC, useTRPCClient } from "../trpc/trpc.js";
import { aggregateUsage, lastDays } from "./aggregate-usage.js";
import { readAll } from "./read-all.js";

export const usageDays = 14;

/**
 * The project's spend per day over the last two weeks, added up in the browser from its
 * messages and plans: there is no usage endpoint yet, so this reads every session's history.
 */
export function useProjectUsage(projectId: string) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  return useQuery({
    queryKey: [...trpc.projects.get.queryKey({ projectId }), "usage"],
    queryFn: async ({ signal }) => {
      const [sessions, plans] = await Promise.all([
        readAll(async (page) => {
          const { sessions: items, total } = await client.sessions.list.query({ projectId, ...page }, { signal });
          return { items, total };
        }),
        readAll(async (page) => {
          const { plans: items, total } = await client.plans.list.query({ projectId, ...page }, { signal });
          return { items, total };
        }),
      ]);
      const histories = await Promise.all(
        sessions.map((session) =>
          readAll(async (page) => {
            const { messages: items, total } = await client.messages.list.query({ projectId, sessionId: session.id, ...page }, { signal });
            return { items, total };
          }),
        ),
      );
      const messages = histories.flat();
      return { days: aggregateUsage(lastDays(new Date(), usageDays), messages, plans), messageCount: messages.length, planCount: plans.length };
    },
  });
}
