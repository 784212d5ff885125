import { describe, expect, it } from "vitest";
import { classifyOutcome } from "./classify-outcome.js";

const neverOutOfMemory = () => false;
const saysMemoryError = (stderr: string) => stderr.includes("MemoryError");

describe("classifyOutcome", () => {
  it("names the supervisor's own reason for stopping first, whatever the exit", () => {
    expect(classifyOutcome({ stopReason: "timed-out", exitCode: null, stderr: "MemoryError" }, saysMemoryError)).toBe("timed-out");
    expect(classifyOutcome({ stopReason: "cancelled", exitCode: 0, stderr: "" }, neverOutOfMemory)).toBe("cancelled");
  });

  it("tells the kernel's limits apart by the signal that ended the program", () => {
    expect(classifyOutcome({ stopReason: undefined, exitCode: 128 + 24, stderr: "" }, neverOutOfMemory)).toBe("cpu-limit");
    expect(classifyOutcome({ stopReason: undefined, exitCode: 128 + 25, stderr: "" }, neverOutOfMemory)).toBe("output-limit");
  });

  it("calls a failure memory-limit only when the language says it ran out of memory", () => {
    expect(classifyOutcome({ stopReason: undefined, exitCode: 1, stderr: "Traceback\nMemoryError\n" }, saysMemoryError)).toBe("memory-limit");
    expect(classifyOutcome({ stopReason: undefined, exitCode: 1, stderr: "ValueError\n" }, saysMemoryError)).toBe("failed");
    expect(classifyOutcome({ stopReason: undefined, exitCode: 0, stderr: "MemoryError\n" }, saysMemoryError)).toBe("completed");
  });
});
