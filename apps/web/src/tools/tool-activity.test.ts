import { describe, expect, it } from "vitest";
import { toolActivity } from "./tool-activity.js";
import type { ToolCallPhase, ToolCallView } from "./tool-call-types.js";

describe("toolActivity", () => {
  const call = (toolName: string, phase: ToolCallPhase) => ({ toolName, phase }) as ToolCallView;

  it("says what the reply waits for: the user first, then running tools", () => {
    expect(toolActivity([call("data_visualizer", "running")])).toBe("running data_visualizer…");
    expect(toolActivity([call("a", "running"), call("b", "approved")])).toBe("running 2 tools…");
    expect(toolActivity([call("a", "running"), call("code_executor", "awaiting_approval")])).toBe("waiting for your approval…");
    expect(toolActivity([call("a", "completed"), call("b", "rejected")])).toBeUndefined();
  });
});
