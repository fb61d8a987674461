import { describe, expect, test } from 'vitest';
import { makeVector, vectorFromArray, Utf8, Int32, type Vector } from 'apache-arrow';
import { groupCodes } from '../../src/analysis/fast/group-codes';

const decodeAll = (v: Vector) => {
  const { codes, keys } = groupCodes(v);
  return Array.from(codes, (c) => keys[c]);
};

describe('groupCodes: a label column as integer codes, equal to reading every row', () => {
  test.each([
    ['plain labels', ['北京分行', '上海分行', '北京分行', 'x', '', '上海分行']],
    ['nulls', ['a', null, 'b', null, 'a']],
    ['one label', Array.from({ length: 1000 }, () => '深圳')],
  ])('%s', (_name, values) => {
    const v = vectorFromArray(values as (string | null)[], new Utf8());
    expect(decodeAll(v)).toEqual(values);
  });

  test('several chunks and a sliced chunk keep rows in order', () => {
    const a = vectorFromArray(['甲', '乙', null, '丙'], new Utf8());
    const b = vectorFromArray(['丙', '丁', '甲'], new Utf8());
    const joined = a.concat(b);
    expect(decodeAll(joined)).toEqual(['甲', '乙', null, '丙', '丙', '丁', '甲']);
    const sliced = joined.slice(2, 6);
    expect(decodeAll(sliced)).toEqual([null, '丙', '丙', '丁']);
  });

  test('labels with the same hash are told apart by their bytes', () => {
    const many = Array.from({ length: 20000 }, (_, i) => `branch-${i % 5000}`);
    expect(decodeAll(vectorFromArray(many, new Utf8()))).toEqual(many);
  });

  test('other types fall back to their string form', () => {
    const v = makeVector({ type: new Int32(), data: Int32Array.from([3, 1, 3]) });
    expect(decodeAll(v)).toEqual(['3', '1', '3']);
  });
});
