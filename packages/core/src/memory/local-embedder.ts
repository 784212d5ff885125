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

/**
 * FNV-1a over UTF-16 code units, fed piece by piece, so a feature ("w:" and a word, say) is hashed
 * without building its string: the features of one text are hundreds of strings otherwise.
 */
function fnv(state: number, text: string, from = 0, to = text.length): number {
  for (let index = from; index < to; index++) state = fnvStep(state, text.charCodeAt(index));
  return state;
}

function fnvStep(state: number, codeUnit: number): number {
  return Math.imul(state ^ codeUnit, 0x01000193);
}

const fnvOffset = 0x811c9dc5;
// The w:, b:, p: and c: tags keep the kinds of feature apart: the word "the" is not the trigram "the".
const tagged = { word: fnv(fnvOffset, "w:"), bigram: fnv(fnvOffset, "b:"), prefix: fnv(fnvOffset, "p:"), trigram: fnv(fnvOffset, "c:") };

/** A murmur3 finalizer, so both the low bits (bucket) and the top bit (sign) are well mixed. */
function addFeature(vector: Float32Array, state: number, weight: number): void {
  let value = state;
  value ^= value >>> 16;
  value = Math.imul(value, 0x85ebca6b);
  value ^= value >>> 13;
  value = Math.imul(value, 0xc2b2ae35);
  value ^= value >>> 16;
  value >>>= 0;
  const sign = value & 0x80000000 ? -1 : 1;
  vector[value % vector.length]! += sign * weight;
}

/** The code unit at `index` of the word as `<word>`: trigrams see where a word starts and ends. */
function paddedCodeUnit(word: string, index: number): number {
  return index === 0 ? 60 /* < */ : index === word.length + 1 ? 62 /* > */ : word.charCodeAt(index - 1);
}

function addTrigrams(vector: Float32Array, word: string): void {
  const paddedLength = word.length + 2;
  // Spread over the word's trigrams, so a long word weighs about as much as a short one.
  const weight = weights.trigram / Math.sqrt(Math.max(1, paddedLength - 2));
  for (let start = 0; start + 3 <= paddedLength; start++) {
    const first = fnvStep(tagged.trigram, paddedCodeUnit(word, start));
    addFeature(vector, fnvStep(fnvStep(first, paddedCodeUnit(word, start + 1)), paddedCodeUnit(word, start + 2)), weight);
  }
}

function embedLocally(text: string): Float32Array {
  const vector = new Float32Array(localEmbeddingDimensions);
  const tokens = words(text);
  tokens.forEach((word, index) => {
    const stopWord = stopWords.has(word);
    addFeature(vector, fnv(tagged.word, word), stopWord ? weights.stopWord : weights.word);
    const next = tokens[index + 1];
    // "of the" says nothing about a text; "port 5432" says a lot.
    if (next !== undefined && !(stopWord && stopWords.has(next))) addFeature(vector, fnv(fnv(fnv(tagged.bigram, word), " "), next), weights.bigram);
    if (stopWord) return;
    if (word.length > 3) addFeature(vector, fnv(tagged.prefix, word, 0, Math.min(prefixLength, word.length)), weights.prefix);
    addTrigrams(vector, word);
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
