import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

// A clone has nothing beside it: no tracked file may lean on a sibling folder of the repository.
// The pattern is built from parts so this file does not match itself.
const OUTSIDE = new RegExp(['\\.\\./shared/', 'shared/(spec|reference|seeds)/'].join('|'));

test('no tracked file refers to files outside the repository', () => {
  const files = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' })
    .split('\0')
    .filter((f) => f !== '' && !f.startsWith('node_modules/') && f !== 'package-lock.json');
  expect(files.length).toBeGreaterThan(100);
  const hits: string[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(f, 'latin1');
    } catch {
      continue; // listed but deleted in the working tree
    }
    text.split('\n').forEach((line, i) => {
      if (OUTSIDE.test(line)) hits.push(`${f}:${i + 1}: ${line.trim().slice(0, 120)}`);
    });
  }
  expect(hits, 'these lines point outside the repository; move the file in or state the fact in place').toEqual([]);
});
