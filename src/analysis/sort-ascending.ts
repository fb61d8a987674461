/**
 * Sorts `values` ascending in place (numeric order) and returns them. Values already in order
 * are left as they are: views sort a tuner's values, which its SortedColumn keeps sorted, and
 * sorting sorted doubles again cost about 100 ms per 1M in the page where checking costs 1.
 */
export function sortAscending(values: Float64Array): Float64Array {
  for (let i = 1; i < values.length; i++) if (values[i]! < values[i - 1]!) return values.sort();
  return values;
}
