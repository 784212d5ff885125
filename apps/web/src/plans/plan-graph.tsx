import { layoutPlan, nodeHeight, nodeWidth } from "./plan-layout.js";
import { taskStatusLabels, type Plan } from "./plan-types.js";

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text;
}

/** The task graph: a node per task (agent, task, status colour), an arrow per dependency. */
export function PlanGraph({ plan }: { plan: Plan }) {
  // A plan has a dozen tasks at most: laying it out again on every update costs nothing worth caching.
  const layout = layoutPlan(plan.tasks);
  const statusOf = new Map(plan.tasks.map((task) => [task.taskId, task.status]));
  const arrowId = `plan-arrow-${plan.id}`;
  return (
    <div className="plan-graph-scroll">
      <svg
        className="plan-graph"
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        width={layout.width}
        height={layout.height}
        role="img"
        aria-label={`Task graph: ${plan.tasks.length} ${plan.tasks.length === 1 ? "task" : "tasks"}`}
      >
        <defs>
          <marker id={arrowId} viewBox="0 0 8 8" refX="7" refY="4" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
            <path d="M0,0 L8,4 L0,8 z" className="plan-edge-arrow" />
          </marker>
        </defs>
        {layout.edges.map((edge) => (
          <path key={`${edge.from}-${edge.to}`} d={edge.d} className={`plan-edge plan-edge-${statusOf.get(edge.from) ?? "pending"}`} markerEnd={`url(#${arrowId})`} />
        ))}
        {plan.tasks.map((task) => {
          const position = layout.positions.get(task.taskId);
          if (!position) return null;
          return (
            <g
              key={task.taskId}
              className={`plan-node plan-node-${task.status}`}
              transform={`translate(${position.x} ${position.y})`}
              data-task-id={task.taskId}
              data-status={task.status}
            >
              <title>{`${task.taskId} · ${task.agentName}: ${task.description} (${taskStatusLabels[task.status]})`}</title>
              <rect width={nodeWidth} height={nodeHeight} rx="10" className="plan-node-box" />
              <rect width="5" height={nodeHeight - 16} x="0" y="8" rx="2" className="plan-node-accent" />
              <text x="14" y="20" className="plan-node-agent">
                {truncate(task.agentName, 22)}
              </text>
              <text x={nodeWidth - 12} y="20" className="plan-node-id" textAnchor="end">
                {task.taskId}
              </text>
              <text x="14" y="38" className="plan-node-description">
                {truncate(task.description, 26)}
              </text>
              <circle cx="18" cy="53" r="4" className="plan-node-dot" />
              <text x="28" y="57" className="plan-node-status">
                {taskStatusLabels[task.status]}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
