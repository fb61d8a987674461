import { isFieldName } from '../ingest/vocabulary';
import type { Scheme } from './types';

export class SchemeError extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`scheme ${path}: ${detail}`);
    this.name = 'SchemeError';
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks untrusted JSON (a user's saved scheme) and names the first bad field. */
export function validateScheme(input: unknown): Scheme {
  if (!isObj(input)) throw new SchemeError('(root)', 'must be a JSON object');
  if (input.format !== 'tierlens-scheme') throw new SchemeError('format', 'must be "tierlens-scheme"');
  if (input.version !== 1) throw new SchemeError('version', `unsupported version ${JSON.stringify(input.version)} (this app reads version 1)`);
  if (typeof input.id !== 'string' || !/^[a-z0-9][a-z0-9_-]*$/i.test(input.id)) throw new SchemeError('id', 'must be letters, digits, - or _');
  checkLabel(input.label, 'label');
  if (input.kind !== 'ladder') throw new SchemeError('kind', `unknown kind ${JSON.stringify(input.kind)}`);
  if (typeof input.metric !== 'string' || !isFieldName(input.metric)) throw new SchemeError('metric', `unknown field ${JSON.stringify(input.metric)}`);
  if (!Array.isArray(input.tiers) || input.tiers.length < 2) throw new SchemeError('tiers', 'needs at least two tiers');
  const tiers: unknown[] = input.tiers;
  const ids = new Set<string>();
  let previous = Infinity;
  tiers.forEach((t, i) => {
    const at = `tiers[${i}]`;
    if (!isObj(t)) throw new SchemeError(at, 'must be an object');
    if (typeof t.id !== 'string' || t.id === '' || t.id === 'unrated') throw new SchemeError(`${at}.id`, 'must be a non-empty id other than "unrated"');
    if (ids.has(t.id)) throw new SchemeError(`${at}.id`, `duplicate tier id "${t.id}"`);
    ids.add(t.id);
    checkLabel(t.label, `${at}.label`);
    if (typeof t.color !== 'string' || !/^#[0-9a-f]{6}$/i.test(t.color)) throw new SchemeError(`${at}.color`, 'must be a #rrggbb color');
    const last = i === tiers.length - 1;
    if (last) {
      if (t.min !== undefined) throw new SchemeError(`${at}.min`, 'the last tier takes everything below the others and has no bound');
      return;
    }
    if (typeof t.min !== 'number' || !Number.isFinite(t.min)) throw new SchemeError(`${at}.min`, 'must be a number');
    if (t.min >= previous) throw new SchemeError(`${at}.min`, `bounds must decrease from the best tier down (${t.min} ≥ ${previous})`);
    previous = t.min;
  });
  if (input.near !== undefined) {
    if (!Array.isArray(input.near)) throw new SchemeError('near', 'must be a list');
    input.near.forEach((b: unknown, i: number) => {
      if (!isObj(b) || typeof b.from !== 'number' || typeof b.to !== 'number' || !(b.from < b.to)) throw new SchemeError(`near[${i}]`, 'needs numbers from < to');
      if (typeof b.tier !== 'string' || !ids.has(b.tier)) throw new SchemeError(`near[${i}].tier`, `unknown tier ${JSON.stringify(b.tier)}`);
    });
  }
  return input as unknown as Scheme;
}

function checkLabel(v: unknown, path: string) {
  if (!isObj(v) || typeof v.zh !== 'string' || typeof v.en !== 'string') throw new SchemeError(path, 'needs zh and en text');
}
