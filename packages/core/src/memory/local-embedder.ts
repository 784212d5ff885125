import type { Embedder } from "./embedder.js";
import { normalizeInPlace } from "./vector-math.js";

/**
 * The built-in embedder: no model download, no network. It hashes words, word prefixes, word
 * bigrams and character trigrams into a fixed-size signed vector ("feature hashing"). It captures
 * lexical overlap — shared words, word order, spelling variants such as plurals — not meaning:
 * "car" and "automobile" are unrelated to it. Change the features and `model` must change too,
 * or stored vectors would be compared with vectors of another space.
 */
export const localEmbeddingModel = "codelab-local-hash-v1";
export const localEmbeddingDimensions = 384;

// Words so frequent they would make every English sentence look alike.
const stopWords = new Set(
  "a an and are as at be been but by can do does for from had has have he her his i if in into is it its me my no not of on or our she so than that the their them then there these they this to was we were what when which who will with you your".split(
    " ",
  ),
);

const weights = { word: 1, stopWord: 0.1, prefix: 0.7, bigram: 0.5, trigram: 0.5 } as const;
// A word's first letters stand in for its stem: "deploy", "deployed", "deployments" share "deplo".
const prefixLength = 5;

function words(text: string): string[] {
  return (
    text
      .normalize("NFKD")
      // Combining marks: "café" and "cafe" become the same word.
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** FNV-1a over UTF-16 code units, then a murmur3 finalizer so both the low bits (bucket) and the top bit (sign) are well mixed. */
function hash(feature: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < feature.length; index++) {
    value ^= feature.charCodeAt(index);
    value = Math.imul(value, 0x01000193);
  }
  value ^= value >>> 16;
  value = Math.imul(value, 0x85ebca6b);
  value ^= value >>> 13;
  value = Math.imul(value, 0xc2b2ae35);
  value ^= value >>> 16;
  return value >>> 0;
}

function addFeature(vector: Float32Array, feature: string, weight: number): void {
  const value = hash(feature);
  const sign = value & 0x80000000 ? -1 : 1;
  vector[value % vector.length]! += sign * weight;
}

function embedLocally(text: string): Float32Array {
  const vector = new Float32Array(localEmbeddingDimensions);
  const tokens = words(text);
  tokens.forEach((word, index) => {
    // The w:, b:, p: and c: tags keep the kinds of feature apart: the word "the" is not the trigram "the".
    addFeature(vector, `w:${word}`, stopWords.has(word) ? weights.stopWord : weights.word);
    const next = tokens[index + 1];
    // "of the" says nothing about a text; "port 5432" says a lot.
    if (next !== undefined && !(stopWords.has(word) && stopWords.has(next))) addFeature(vector, `b:${word} ${next}`, weights.bigram);
    if (stopWords.has(word)) return;
    if (word.length > 3) addFeature(vector, `p:${word.slice(0, prefixLength)}`, weights.prefix);
    const padded = `<${word}>`;
    // Spread over the word's trigrams, so a long word weighs about as much as a short one.
    const trigramWeight = weights.trigram / Math.sqrt(Math.max(1, padded.length - 2));
    for (let start = 0; start + 3 <= padded.length; start++) addFeature(vector, `c:${padded.slice(start, start + 3)}`, trigramWeight);
  });
  return normalizeInPlace(vector);
}

export function createLocalEmbedder(): Embedder {
  return {
    model: localEmbeddingModel,
    dimensions: localEmbeddingDimensions,
    embed(texts, options = {}) {
      return new Promise((resolve) => {
        options.signal?.throwIfAborted();
        resolve(texts.map(embedLocally));
      });
    },
  };
}
