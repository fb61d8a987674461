import { DataType, type Vector } from 'apache-arrow';

/** A column of labels as small integers: `keys[codes[i]]` is row i's label (null for NULL). */
export interface GroupCodes {
  readonly codes: Int32Array;
  readonly keys: readonly (string | null)[];
}

/**
 * Codes a label column (branch, tier, group) without decoding a string per row: `Vector.get(i)`
 * costs a chunk search and a UTF-8 decode each time (about 2 s for a 1M-row branch column in the
 * browser), while a column has a few hundred distinct labels. UTF-8 bytes are hashed and each
 * distinct label decoded once; other types fall back to `get` per chunk.
 */
export function groupCodes(vector: Vector): GroupCodes {
  // Cached per column (its first chunk): per-branch tuners code the same column once each.
  const first = vector.data[0];
  const cached = first && cache.get(first);
  if (cached && cached.codes.length === vector.length) return cached;
  const result = computeCodes(vector);
  if (first) cache.set(first, result);
  return result;
}

const cache = new WeakMap<object, GroupCodes>();

function computeCodes(vector: Vector): GroupCodes {
  const codes = new Int32Array(vector.length);
  const keys: (string | null)[] = [];
  const byKey = new Map<string | null, number>();
  const codeOf = (key: string | null): number => {
    let c = byKey.get(key);
    if (c === undefined) {
      c = keys.length;
      keys.push(key);
      byKey.set(key, c);
    }
    return c;
  };
  const decoder = new TextDecoder();
  // FNV-1a of the bytes → labels with that hash (collisions compared byte by byte).
  const byHash = new Map<number, { bytes: Uint8Array; code: number }[]>();
  let row = 0;
  for (const data of vector.data) {
    const n = data.length;
    const valid = (i: number) => {
      const bitmap = data.nullBitmap;
      if (!bitmap || bitmap.length === 0 || data.nullCount === 0) return true;
      const j = data.offset + i;
      return (bitmap[j >> 3]! & (1 << (j & 7))) !== 0;
    };
    if (DataType.isUtf8(data.type)) {
      const offsets = data.valueOffsets as Int32Array;
      const values = data.values as Uint8Array;
      for (let i = 0; i < n; i++, row++) {
        if (!valid(i)) {
          codes[row] = codeOf(null);
          continue;
        }
        const start = offsets[i]!;
        const end = offsets[i + 1]!;
        let h = 0x811c9dc5;
        for (let k = start; k < end; k++) h = Math.imul(h ^ values[k]!, 0x01000193);
        const list = byHash.get(h);
        let found = -1;
        if (list) {
          for (const e of list) {
            if (e.bytes.length !== end - start) continue;
            let same = true;
            for (let k = 0; k < e.bytes.length && same; k++) same = e.bytes[k] === values[start + k];
            if (same) {
              found = e.code;
              break;
            }
          }
        }
        if (found < 0) {
          const bytes = values.slice(start, end);
          found = codeOf(decoder.decode(bytes));
          if (list) list.push({ bytes, code: found });
          else byHash.set(h, [{ bytes, code: found }]);
        }
        codes[row] = found;
      }
    } else {
      for (let i = 0; i < n; i++, row++) {
        const v: unknown = valid(i) ? vector.get(row) : null;
        codes[row] = codeOf(v === null || v === undefined ? null : String(v));
      }
    }
  }
  return { codes, keys };
}
