import { describe, expect, it } from "vitest";
import { bruteForceTopK, randomUnitVectors } from "./testing/vectors.js";
import { VectorMatrix } from "./vector-matrix.js";

const dimensions = 37; // not a multiple of four, so the unrolled loop's tail is exercised

function matrixOf(vectors: Float32Array[]): VectorMatrix {
  const matrix = new VectorMatrix(dimensions, 1);
  vectors.forEach((vector, index) => matrix.add(`v${index}`, vector));
  return matrix;
}

describe("VectorMatrix", () => {
  it("returns exactly the brute-force top k, best first", () => {
    const vectors = randomUnitVectors(500, dimensions, 1);
    const matrix = matrixOf(vectors);
    for (const query of randomUnitVectors(20, dimensions, 2)) {
      const expected = bruteForceTopK(vectors, query, 7);
      const hits = matrix.topK(query, 7, -1);
      expect(hits.map((hit) => hit.id)).toEqual(expected.map(({ index }) => `v${index}`));
      hits.forEach((hit, index) => expect(hit.score).toBeCloseTo(expected[index]!.score, 6));
    }
  });

  it("leaves out scores below the minimum and never returns more than the limit", () => {
    const vectors = randomUnitVectors(200, dimensions, 3);
    const matrix = matrixOf(vectors);
    const [query] = randomUnitVectors(1, dimensions, 4);
    const above = bruteForceTopK(vectors, query!, vectors.length).filter(({ score }) => score >= 0.2);
    expect(matrix.topK(query!, 1000, 0.2).map((hit) => hit.id)).toEqual(above.map(({ index }) => `v${index}`));
    expect(matrix.topK(query!, 3, -1)).toHaveLength(3);
    expect(matrix.topK(query!, 0, -1)).toEqual([]);
  });

  it("forgets removed vectors and keeps scoring the others correctly", () => {
    const vectors = randomUnitVectors(50, dimensions, 5);
    const matrix = matrixOf(vectors);
    const removed = new Set([0, 7, 49, 23]);
    for (const index of removed) expect(matrix.remove(`v${index}`)).toBe(true);
    expect(matrix.remove("v7")).toBe(false);
    expect(matrix.size).toBe(46);
    const [query] = randomUnitVectors(1, dimensions, 6);
    const remaining = vectors.map((vector, index) => ({ vector, index })).filter(({ index }) => !removed.has(index));
    const expected = bruteForceTopK(
      remaining.map(({ vector }) => vector),
      query!,
      46,
    ).map(({ index }) => `v${remaining[index]!.index}`);
    expect(matrix.topK(query!, 46, -1).map((hit) => hit.id)).toEqual(expected);
  });

  it("replaces the vector of an id added twice", () => {
    const [first, second] = randomUnitVectors(2, dimensions, 7);
    const matrix = new VectorMatrix(dimensions);
    matrix.add("same", first!);
    matrix.add("same", second!);
    expect(matrix.size).toBe(1);
    expect(matrix.topK(second!, 1, -1)[0]?.score).toBeCloseTo(1, 6);
  });

  it("refuses vectors of another size", () => {
    const matrix = new VectorMatrix(dimensions);
    expect(() => matrix.add("short", new Float32Array(3))).toThrow("expected 37 dimensions, got 3");
    expect(() => matrix.topK(new Float32Array(3), 1, 0)).toThrow("expected 37 dimensions, got 3");
  });
});
