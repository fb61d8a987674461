/**
 * Frame-rate threshold answers without DuckDB: extract columns once (Float64Array, NaN =
 * missing/invalid), build these structures, then answer any threshold exactly in microseconds.
 */
export { type Bound, type BoundInput } from './bounds';
export { SortedColumn, type LadderCounts, type SortedColumnOptions } from './sorted-column';
export { PointIndex, WaveletMatrix } from './wavelet-matrix';
export { QuadrantIndex, type QuadrantCounts } from './quadrant';
export { TransitionIndex, type MatrixOptions, type TransitionInput, type TransitionMatrix } from './transitions';
