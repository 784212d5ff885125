import { describe, expect, it } from "vitest";
import { embedText } from "./embed-text.js";

const cosine = (left: Float32Array, right: Float32Array) => left.reduce((sum, value, index) => sum + value * (right[index] ?? 0), 0);

describe("embedText", () => {
  it("scores texts that share words above texts that do not", () => {
    const fact = embedText("Alice's favourite colour is teal", 256);
    const question = embedText("what is the favourite colour of Alice?", 256);
    const unrelated = embedText("deploy the server on friday", 256);
    expect(cosine(fact, question)).toBeGreaterThan(cosine(fact, unrelated));
  });

  it("gives an input without words a unit vector", () => {
    const vector = embedText("  ?! ", 16);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 6);
  });
});
