import { useMutation, useQueryClient } from "@tanstack/react-query";
import { navigate } from "../navigation/location.js";
import { projectPath } from "../navigation/route.js";
import { useTRPC } from "../trpc/trpc.js";

/** Starts a new chat in the project and opens it. */
export function useCreateSession(projectId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.sessions.create.mutationOptions({
      onSuccess: async (session) => {
        queryClient.setQueryData(trpc.sessions.get.queryKey({ projectId, sessionId: session.id }), session);
        navigate(projectPath(projectId, { tab: "chat", sessionId: session.id }));
        await queryClient.invalidateQueries(trpc.sessions.list.queryFilter());
      },
    }),
  );
}
