/**
 * Static bit vector with O(1) rank and O(log n) select, for the wavelet matrix.
 *
 * Layout: blocks of 8 data words (256 bits) each preceded by one word holding the number of
 * ones before the block, interleaved in one Uint32Array so a rank touches one or two cache
 * lines. Directory overhead is 1/8 (12.5%) of the bits.
 */
const WORDS_PER_BLOCK = 8;
const STRIDE = WORDS_PER_BLOCK + 1;

/** Ones in a 32-bit word (SWAR popcount; JS has no native one). */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export class BitVector {
  /** Use `BitVector.build` or `BitVectorBuilder`; `data` must already hold the directory. */
  constructor(
    private readonly data: Uint32Array,
    /** Number of bits. */
    readonly length: number,
    /** Number of one bits. */
    readonly ones: number,
  ) {}

  /** Builds from a bit source; `bitAt(i)` must return 0 or 1. */
  static build(length: number, bitAt: (i: number) => number): BitVector {
    const builder = new BitVectorBuilder(length);
    for (let i = 0; i < length; i++) if (bitAt(i)) builder.set(i);
    return builder.finish();
  }

  /** Bit i (0 or 1). */
  get(i: number): number {
    return ((this.data[wordAt(i)] as number) >>> (i & 31)) & 1;
  }

  /** Ones in positions [0, i), for 0 <= i <= length. */
  rank1(i: number): number {
    const block = i >>> 8;
    const base = block * STRIDE;
    let r = this.data[base] as number;
    const w = (i >>> 5) & 7;
    for (let j = 1; j <= w; j++) r += popcount32(this.data[base + j] as number);
    const bits = i & 31;
    if (bits) r += popcount32(((this.data[base + 1 + w] as number) << (32 - bits)) >>> 0);
    return r;
  }

  /** Zeros in positions [0, i). */
  rank0(i: number): number {
    return i - this.rank1(i);
  }

  /** Position of the k-th one (k from 0), or -1 when there are not that many. */
  select1(k: number): number {
    return this.select(k, 1);
  }

  /** Position of the k-th zero (k from 0), or -1 when there are not that many. */
  select0(k: number): number {
    return this.select(k, 0);
  }

  /** Typed-array bytes held. */
  get memoryBytes(): number {
    return this.data.byteLength;
  }

  private select(k: number, bit: 0 | 1): number {
    const total = bit ? this.ones : this.length - this.ones;
    if (k < 0 || k >= total) return -1;
    const blocks = this.data.length / STRIDE;
    const before = (b: number) => (bit ? (this.data[b * STRIDE] as number) : b * 256 - (this.data[b * STRIDE] as number));
    // Last block whose preceding count is <= k.
    let lo = 0;
    let hi = blocks - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (before(mid) <= k) lo = mid;
      else hi = mid - 1;
    }
    let left = k - before(lo);
    for (let j = 0; j < WORDS_PER_BLOCK; j++) {
      let word = this.data[lo * STRIDE + 1 + j] as number;
      if (!bit) word = ~word >>> 0;
      const c = popcount32(word);
      if (left < c) {
        for (let b = 0; b < 32; b++) {
          if ((word >>> b) & 1 && left-- === 0) return lo * 256 + j * 32 + b;
        }
      }
      left -= c;
    }
    return -1; // unreachable for consistent data
  }
}

/** Physical word index of bit i. */
function wordAt(i: number): number {
  return (i >>> 8) * STRIDE + 1 + ((i >>> 5) & 7);
}

/** Sets bits one by one, then computes the rank directory once. */
export class BitVectorBuilder {
  private readonly data: Uint32Array;

  constructor(private readonly length: number) {
    // One spare block so rank1(length) may read the block after the last full one.
    this.data = new Uint32Array((Math.floor(length / 256) + 1) * STRIDE);
  }

  set(i: number): void {
    const w = wordAt(i);
    this.data[w] = ((this.data[w] as number) | (1 << (i & 31))) >>> 0;
  }

  /** Sets bits 32·w … 32·w+31 at once (bit j of `bits` is bit 32·w + j); the fast path. */
  setWord(w: number, bits: number): void {
    this.data[(w >>> 3) * STRIDE + 1 + (w & 7)] = bits >>> 0;
  }

  finish(): BitVector {
    let ones = 0;
    for (let base = 0; base < this.data.length; base += STRIDE) {
      this.data[base] = ones;
      for (let j = 1; j <= WORDS_PER_BLOCK; j++) ones += popcount32(this.data[base + j] as number);
    }
    return new BitVector(this.data, this.length, ones);
  }
}
