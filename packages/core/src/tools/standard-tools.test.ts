import { dangerousTools, toolNames } from "@codelab/contracts";
import { describe, expect, it } from "vitest";
import { createBubblewrapSandbox } from "../sandbox/bubblewrap-sandbox.js";
import { createStandardTools } from "./standard-tools.js";
import { createToolRegistry } from "./tool-registry.js";

describe("the standard tools", () => {
  const tools = createStandardTools({ sandbox: createBubblewrapSandbox() });

  it("implement exactly the tool names agent configs may hold", () => {
    expect(tools.map((tool) => tool.name).sort()).toEqual([...toolNames].sort());
  });

  it("each show the model an object schema with properties and a description", () => {
    const specs = createToolRegistry(tools).specsFor(toolNames);
    expect(specs).toHaveLength(toolNames.length);
    for (const spec of specs) {
      expect(spec.description.length).toBeGreaterThan(20);
      expect(spec.parameters).toMatchObject({ type: "object", properties: expect.any(Object) });
      expect(spec.parameters).not.toHaveProperty("$schema");
    }
  });

  it("mark exactly the code-running tools dangerous", () => {
    expect(tools.filter((tool) => tool.risk === "dangerous").map((tool) => tool.name).sort()).toEqual([...dangerousTools].sort());
  });
});
