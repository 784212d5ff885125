import type { PlanEventScope } from "../../events/event-bus.js";
import type { ExecutionDependencies } from "./execution-settings.js";
import { createGroupCommit } from "../../concurrency/group-commit.js";
import {
  storeTaskTransitions,
  type ClaimableTask,
  type ClaimedTask,
  type StoredCompletion,
  type TaskCompletion,
} from "./task-transitions.js";

/** A claimed task, and when its `task-start` is handed to the bus (its deltas wait for that, and go to the bus with it). */
export interface ClaimOutcome {
  claimed: ClaimedTask | undefined;
  handedOver: Promise<void>;
}

/**
 * The transitions every task of a run goes through. Claims and answers arriving within one turn of
 * the event loop share one statement: the run launches an answered task's dependents at once, so
 * their claims ride with the answer. The events the statement recorded are handed to the publisher
 * in one go, in order, once the answered tasks' last deltas are out.
 */
export interface PlanTransitions {
  claim(task: ClaimableTask): Promise<ClaimOutcome>;
  /** `deltasOut`: settles when the task's deltas are published; its `task-end` waits for it. */
  complete(
    completion: TaskCompletion,
    deltasOut: Promise<void>,
  ): Promise<StoredCompletion>;
}

type TransitionRequest =
  | { claim: ClaimableTask }
  | { completion: TaskCompletion; deltasOut: Promise<void> };
type TransitionOutcome = ClaimOutcome | StoredCompletion;

export function planTransitions(
  deps: ExecutionDependencies,
  scope: PlanEventScope,
): PlanTransitions {
  const store = createGroupCommit(
    async (requests: TransitionRequest[]): Promise<TransitionOutcome[]> => {
      const completions = requests.flatMap((request) =>
        "completion" in request ? [request] : [],
      );
      const claims = requests.flatMap((request) =>
        "claim" in request ? [request.claim] : [],
      );
      const stored = await storeTaskTransitions(deps, scope, {
        completions: completions.map((request) => request.completion),
        claims,
      });
      const recorded = [
        ...stored.completions.flatMap((completion) =>
          completion.status === "completed" ? [completion.ended] : [],
        ),
        ...stored.claims.flatMap((claimed) =>
          claimed ? [claimed.started] : [],
        ),
      ];
      const handedOver = Promise.all(
        completions.map((request) => request.deltasOut),
      ).then(() => deps.planEvents.send(recorded).issued);
      let completionIndex = 0;
      let claimIndex = 0;
      return requests.map((request) =>
        "claim" in request
          ? { claimed: stored.claims[claimIndex++], handedOver }
          : stored.completions[completionIndex++]!,
      );
    },
  );
  return {
    claim: (claim) => store({ claim }) as Promise<ClaimOutcome>,
    complete: (completion, deltasOut) =>
      store({ completion, deltasOut }) as Promise<StoredCompletion>,
  };
}
