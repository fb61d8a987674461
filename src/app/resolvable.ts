/** Async state as one immutable value a component can render (after react-duckdb's Resolvable). */
export type Resolvable<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly label?: string }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'failed'; readonly error: string };

export const idle: Resolvable<never> = { status: 'idle' };
export const loading = (label?: string): Resolvable<never> => ({ status: 'loading', label });
export const ready = <T,>(value: T): Resolvable<T> => ({ status: 'ready', value });
export const failed = (error: unknown): Resolvable<never> => ({ status: 'failed', error: error instanceof Error ? error.message : String(error) });
