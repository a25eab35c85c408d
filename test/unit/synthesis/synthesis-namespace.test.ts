import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { LOCALES } from '../../../src/core/locale.js';
import { msg } from '../../../src/core/messages.js';
import { Translations } from '../../../src/infra/i18n/create-i18n.js';
import { readLocaleResources } from '../../../src/infra/i18n/locale-resources.js';
import { loadSynthesisTemplate, withSynthesisNamespace } from '../../../src/infra/synthesis/template.js';

const LOCALES_DIR = fileURLToPath(new URL('../../../locales/', import.meta.url));

describe('the synthesis wording in the translations (used by the synthesis cards)', () => {
  const translations = new Translations(withSynthesisNamespace(readLocaleResources(LOCALES_DIR), LOCALES_DIR));

  for (const locale of LOCALES) {
    it(`renders every heading and label of the ${locale} template, not its key`, () => {
      const t = translations.translator(locale);
      const template = loadSynthesisTemplate(LOCALES_DIR, locale);
      const labels = [...template.strings.keys()].filter((k) => k.startsWith('sections.') || k.startsWith('labels.'));
      expect(labels.length).to.be.greaterThan(10);
      for (const key of labels) expect(t(msg(`synthesis:${key}`, { n: 2 })), key).to.equal(template.strings.get(key)!.replace('{{n}}', '2'));
    });
  }

  it('renders synthesis:raw as the value itself', () => {
    expect(translations.translator('fr')(msg('synthesis:raw', { value: 'old_choice' }))).to.equal('old_choice');
  });
});
