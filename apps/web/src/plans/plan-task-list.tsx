import { formatCost, formatDuration } from "../chat/format-usage.js";
import { Markdown } from "../markdown/markdown.js";
import { taskStatusLabels, type Plan, type PlanTask } from "./plan-types.js";

/** A task's output as text: streamed text while it runs, the stored result afterwards. */
function outputOf(task: PlanTask, streamed: string | undefined): string | undefined {
  if (streamed) return streamed;
  if (typeof task.result === "string") return task.result;
  return task.result === null ? undefined : JSON.stringify(task.result, null, 2);
}

function TaskNumbers({ task }: { task: PlanTask }) {
  const { actual, estimate } = task;
  if (actual.costUsd !== null) {
    return (
      <span className="plan-task-numbers">
        {formatCost(actual.costUsd)}
        {actual.durationMilliseconds !== null && ` · ${formatDuration(actual.durationMilliseconds)}`}
      </span>
    );
  }
  return <span className="plan-task-numbers">{estimate.costUsd === null ? "" : `est. ${formatCost(estimate.costUsd)}`}</span>;
}

/** The same tasks as the graph, as a list a screen reader can walk, with each task's output. */
export function PlanTaskList({ plan, outputs }: { plan: Plan; outputs: ReadonlyMap<string, string> }) {
  return (
    <ol className="plan-tasks" aria-label="Tasks">
      {plan.tasks.map((task) => {
        const output = outputOf(task, outputs.get(task.taskId));
        const running = task.status === "running";
        return (
          <li key={task.taskId} className={`plan-task plan-task-${task.status}`} data-task-id={task.taskId}>
            <details open={running || undefined}>
              <summary>
                <span className={`task-status task-status-${task.status}`}>{taskStatusLabels[task.status]}</span>
                <span className="plan-task-agent">{task.agentName}</span>
                <span className="plan-task-description">{task.description}</span>
                <TaskNumbers task={task} />
              </summary>
              <div className="plan-task-body">
                {task.dependencies.length > 0 && <p className="muted">Uses the results of {task.dependencies.join(", ")}.</p>}
                {task.error && <p className="message-error">{task.error}</p>}
                {output ? <Markdown source={output} /> : <p className="muted">{running ? "Working…" : "No output yet."}</p>}
              </div>
            </details>
          </li>
        );
      })}
    </ol>
  );
}
