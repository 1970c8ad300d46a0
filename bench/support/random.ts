// Seeded randomness for the benchmarks: the same seed gives the same company, the same request order and
// the same baseline choices on every machine.

export type Random = () => number;

// mulberry32: tiny, fast and good enough to draw synthetic people (not for anything secret).
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** Index drawn with probability proportional to weights[k]. */
export function weightedIndex(random: Random, cumulative: Float64Array): number {
  const target = random() * cumulative[cumulative.length - 1]!;
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cumulative[middle]! > target) high = middle;
    else low = middle + 1;
  }
  return low;
}

export function cumulativeWeights(weights: readonly number[]): Float64Array {
  const cumulative = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((weight, k) => {
    sum += weight;
    cumulative[k] = sum;
  });
  return cumulative;
}

/** Zipf's law: the k-th most popular item (k from 1) has weight 1 / k^exponent. */
export function zipfWeights(count: number, exponent: number): number[] {
  return Array.from({ length: count }, (_, k) => 1 / (k + 1) ** exponent);
}

export function shuffleInPlace<T>(random: Random, items: T[]): T[] {
  for (let k = items.length - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    const item = items[k]!;
    items[k] = items[j]!;
    items[j] = item;
  }
  return items;
}
