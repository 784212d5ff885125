import { describe, expect, it } from "vitest";
import { layoutPlan, nodeHeight, nodeWidth } from "./plan-layout.js";

describe("layoutPlan", () => {
  it("puts each task one column after its deepest dependency", () => {
    const layout = layoutPlan([
      { taskId: "t1", dependencies: [] },
      { taskId: "t2", dependencies: [] },
      { taskId: "t3", dependencies: ["t1"] },
      { taskId: "t4", dependencies: ["t1", "t3"] },
    ]);
    expect(["t1", "t2", "t3", "t4"].map((id) => layout.positions.get(id)?.layer)).toEqual([0, 0, 1, 2]);
  });

  it("draws one edge per known dependency, from the dependency's right side to the task's left side", () => {
    const layout = layoutPlan([
      { taskId: "a", dependencies: [] },
      { taskId: "b", dependencies: ["a", "missing"] },
    ]);
    expect(layout.edges.map((edge) => `${edge.from}->${edge.to}`)).toEqual(["a->b"]);
    const from = layout.positions.get("a");
    expect(layout.edges[0]?.d.startsWith(`M ${(from?.x ?? 0) + nodeWidth} ${(from?.y ?? 0) + nodeHeight / 2}`)).toBe(true);
  });

  it("keeps nodes apart and inside the drawing", () => {
    const tasks = ["t1", "t2", "t3"].map((taskId) => ({ taskId, dependencies: [] }));
    const layout = layoutPlan(tasks);
    const ys = tasks.map((task) => layout.positions.get(task.taskId)?.y ?? 0);
    expect(ys[1]! - ys[0]!).toBeGreaterThanOrEqual(nodeHeight);
    for (const position of layout.positions.values()) {
      expect(position.x + nodeWidth).toBeLessThanOrEqual(layout.width);
      expect(position.y + nodeHeight).toBeLessThanOrEqual(layout.height);
    }
  });

  it("orders a column by where the dependencies sit, so edges do not cross", () => {
    const layout = layoutPlan([
      { taskId: "top", dependencies: [] },
      { taskId: "bottom", dependencies: [] },
      { taskId: "after-bottom", dependencies: ["bottom"] },
      { taskId: "after-top", dependencies: ["top"] },
    ]);
    expect(layout.positions.get("after-top")!.y).toBeLessThan(layout.positions.get("after-bottom")!.y);
  });

  it("survives a cycle instead of recursing for ever", () => {
    const layout = layoutPlan([
      { taskId: "a", dependencies: ["b"] },
      { taskId: "b", dependencies: ["a"] },
    ]);
    expect(layout.positions.size).toBe(2);
  });
});
