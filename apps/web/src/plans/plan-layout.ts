export const nodeWidth = 196;
export const nodeHeight = 66;
const columnGap = 56;
const rowGap = 16;
const padding = 6;

export interface LayoutInput {
  taskId: string;
  dependencies: readonly string[];
}

export interface NodePosition {
  x: number;
  y: number;
  layer: number;
}

export interface EdgePath {
  from: string;
  to: string;
  /** An SVG path from the dependency's right side to the dependent's left side. */
  d: string;
}

export interface PlanLayout {
  positions: ReadonlyMap<string, NodePosition>;
  edges: EdgePath[];
  width: number;
  height: number;
}

/** Each task's column: one after its deepest dependency. A cycle (which the server refuses) would stay in column 0. */
function layersOf(tasks: readonly LayoutInput[]): Map<string, number> {
  const byId = new Map(tasks.map((task) => [task.taskId, task]));
  const layers = new Map<string, number>();
  const visiting = new Set<string>();
  const layerOf = (taskId: string): number => {
    const known = layers.get(taskId);
    if (known !== undefined) return known;
    if (visiting.has(taskId)) return 0;
    visiting.add(taskId);
    const dependencies = (byId.get(taskId)?.dependencies ?? []).filter((dependency) => byId.has(dependency));
    const layer = dependencies.length === 0 ? 0 : 1 + Math.max(...dependencies.map(layerOf));
    visiting.delete(taskId);
    layers.set(taskId, layer);
    return layer;
  };
  for (const task of tasks) layerOf(task.taskId);
  return layers;
}

/**
 * A layered drawing of the task graph, left to right: columns by dependency depth, and within a
 * column tasks ordered by where their dependencies sit, which keeps most edges from crossing.
 */
export function layoutPlan(tasks: readonly LayoutInput[]): PlanLayout {
  const layers = layersOf(tasks);
  const columns: LayoutInput[][] = [];
  for (const task of tasks) (columns[layers.get(task.taskId) ?? 0] ??= []).push(task);

  const rowOf = new Map<string, number>();
  columns.forEach((column, layer) => {
    const meanRow = (task: LayoutInput) => {
      const rows = task.dependencies.flatMap((dependency) => (rowOf.has(dependency) ? [rowOf.get(dependency) ?? 0] : []));
      return rows.length === 0 ? 0 : rows.reduce((sum, row) => sum + row, 0) / rows.length;
    };
    if (layer > 0) column.sort((left, right) => meanRow(left) - meanRow(right));
    column.forEach((task, row) => rowOf.set(task.taskId, row));
  });

  const tallest = Math.max(1, ...columns.map((column) => column.length));
  const contentHeight = tallest * nodeHeight + (tallest - 1) * rowGap;
  const positions = new Map<string, NodePosition>();
  columns.forEach((column, layer) => {
    const columnHeight = column.length * nodeHeight + (column.length - 1) * rowGap;
    const top = padding + (contentHeight - columnHeight) / 2;
    column.forEach((task, row) => {
      positions.set(task.taskId, { x: padding + layer * (nodeWidth + columnGap), y: top + row * (nodeHeight + rowGap), layer });
    });
  });

  const edges: EdgePath[] = [];
  for (const task of tasks) {
    const to = positions.get(task.taskId);
    for (const dependency of task.dependencies) {
      const from = positions.get(dependency);
      if (!from || !to) continue;
      const x1 = from.x + nodeWidth;
      const y1 = from.y + nodeHeight / 2;
      const x2 = to.x;
      const y2 = to.y + nodeHeight / 2;
      const bend = Math.max(24, (x2 - x1) / 2);
      edges.push({ from: dependency, to: task.taskId, d: `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}` });
    }
  }

  const columnCount = Math.max(1, columns.length);
  return {
    positions,
    edges,
    width: padding * 2 + columnCount * nodeWidth + (columnCount - 1) * columnGap,
    height: padding * 2 + contentHeight,
  };
}
