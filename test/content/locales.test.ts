import { expect } from 'chai';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../../src/project-root.js';
import { LOCALES } from '../../src/core/locale.js';
import { flattenKeys, readLocaleResources } from '../../src/infra/i18n/locale-resources.js';

const resources = readLocaleResources(resolve(PROJECT_ROOT, 'locales'));
const variablesOf = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('locales/', () => {
  const [reference, ...others] = LOCALES;
  const referenceKeys = flattenKeys(resources, reference);

  it('should hold at least the common and preliminaire namespaces', () => {
    expect([...referenceKeys.keys()].some((k) => k.startsWith('common:'))).to.equal(true);
    expect([...referenceKeys.keys()].some((k) => k.startsWith('preliminaire:'))).to.equal(true);
  });

  for (const locale of others) {
    it(`should have exactly the same keys in ${locale} as in ${reference}`, () => {
      const keys = flattenKeys(resources, locale);
      const missing = [...referenceKeys.keys()].filter((k) => !keys.has(k));
      const extra = [...keys.keys()].filter((k) => !referenceKeys.has(k));
      expect({ missing, extra }).to.deep.equal({ missing: [], extra: [] });
    });

    it(`should use the same {{variables}} in ${locale} as in ${reference}`, () => {
      const keys = flattenKeys(resources, locale);
      const mismatches = [...referenceKeys].filter(([key, text]) => keys.has(key) && variablesOf(text).join() !== variablesOf(keys.get(key) ?? '').join());
      expect(mismatches.map(([key]) => key)).to.deep.equal([]);
    });
  }

  for (const locale of LOCALES) {
    it(`should have no empty or non-string value in ${locale}`, () => {
      const empty = [...flattenKeys(resources, locale)].filter(([, text]) => text.trim() === '' || text === 'undefined' || text === 'null');
      expect(empty.map(([key]) => key)).to.deep.equal([]);
    });

    it(`should give every command at least one keyword, none shared by two commands, in ${locale}`, () => {
      const keys = flattenKeys(resources, locale);
      const owners = new Map<string, string>();
      for (const [key, text] of keys) {
        if (!/^common:commands\.\w+\.keywords$/.test(key)) continue;
        for (const word of text.split('|').map((w) => w.trim().toLowerCase())) {
          expect(word, key).to.not.equal('');
          expect(owners.get(word), `'${word}' is used by ${owners.get(word)} and ${key}`).to.equal(undefined);
          owners.set(word, key);
        }
      }
      expect(owners.size).to.be.greaterThan(5);
    });
  }
});
