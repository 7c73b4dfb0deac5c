/**
 * Near-copy detection. Texts are normalised (case, figures, dates and the organisation's own
 * names removed), cut into word 5-shingles, and compared by Jaccard similarity: exactly for the
 * organisation's previous statement (uk-not-copied), and by MinHash signatures with LSH bands
 * for the rest of the register (uk-not-boilerplate), so a check never scans the register.
 */

export const SHINGLE = 5;
export const MINHASH_SIZE = 128;
export const LSH_BANDS = 16;
export const LSH_ROWS = MINHASH_SIZE / LSH_BANDS;

const MONTHS =
  /\b(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b/g;

export function normaliseForComparison(text: string, names: readonly string[] = []): string[] {
  let lower = text.toLowerCase();
  for (const name of names) {
    const n = name.toLowerCase().trim();
    if (n.length >= 3) lower = lower.split(n).join(' ');
  }
  return (
    lower
      .replace(MONTHS, ' ')
      .replace(/\d+/g, ' ')
      .replace(/\b(limited|ltd|plc|llp|group|inc)\b/g, ' ')
      .match(/[a-z]+/g) ?? []
  );
}

function hashWords(words: readonly string[], from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let w = from; w < to; w++) {
    const word = words[w]!;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 32, 0x01000193);
  }
  return h >>> 0;
}

export function shingles(words: readonly string[]): Set<number> {
  const set = new Set<number>();
  if (words.length < SHINGLE) {
    if (words.length) set.add(hashWords(words, 0, words.length));
    return set;
  }
  for (let i = 0; i + SHINGLE <= words.length; i++) set.add(hashWords(words, i, i + SHINGLE));
  return set;
}

export function jaccard(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  if (!a.size && !b.size) return 1;
  let inter = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Deterministic hash parameters (a·x + b mod p) for the MinHash permutations. */
const PRIME = 4294967311; // > 2^32
const PARAMS = (() => {
  let state = 0x2545f491;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  return Array.from({ length: MINHASH_SIZE }, () => [(next() % 0xfffffff0) + 1, next()] as const);
})();

function mulmod(a: number, b: number, m: number): number {
  // a, b < 2^33: split b to stay within double precision.
  const high = Math.floor(b / 65536);
  const low = b % 65536;
  return (((a * high) % m) * 65536 + a * low) % m;
}

export function minhash(set: ReadonlySet<number>): Uint32Array {
  const signature = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (const x of set) {
    for (let k = 0; k < MINHASH_SIZE; k++) {
      const [a, b] = PARAMS[k]!;
      const h = ((mulmod(a, x, PRIME) + b) % PRIME) >>> 0;
      if (h < signature[k]!) signature[k] = h;
    }
  }
  return signature;
}

export function estimatedSimilarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < MINHASH_SIZE; k++) if (a[k] === b[k]) same++;
  return same / MINHASH_SIZE;
}

/** The LSH band keys of a signature: statements sharing any band are candidates. */
export function bandKeys(signature: Uint32Array): string[] {
  const keys: string[] = [];
  for (let band = 0; band < LSH_BANDS; band++) {
    let h = 0x811c9dc5 ^ band;
    for (let r = 0; r < LSH_ROWS; r++) h = Math.imul(h ^ signature[band * LSH_ROWS + r]!, 0x01000193) >>> 0;
    keys.push(`${band}:${h.toString(36)}`);
  }
  return keys;
}

export const encodeSignature = (signature: Uint32Array) =>
  Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength).toString('base64');
export function decodeSignature(encoded: string): Uint32Array {
  const bytes = Buffer.from(encoded, 'base64');
  const out = new Uint32Array(MINHASH_SIZE);
  for (let k = 0; k < MINHASH_SIZE && k * 4 + 3 < bytes.length; k++) out[k] = bytes.readUInt32LE(k * 4);
  return out;
}

export function signatureOfText(text: string, names: readonly string[] = []): Uint32Array {
  return minhash(shingles(normaliseForComparison(text, names)));
}
