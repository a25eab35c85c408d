import { expect } from 'chai';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../../../src/project-root.js';
import { msg } from '../../../src/core/messages.js';
import { Translations } from '../../../src/infra/i18n/create-i18n.js';
import { lookup, readLocaleResources } from '../../../src/infra/i18n/locale-resources.js';

const resources = readLocaleResources(resolve(PROJECT_ROOT, 'locales'));
const PLAIN = 'common:input.unsupported';
const WITH_MAX = 'common:input.tooLong';

describe('Translations', () => {
  it('should keep each language apart however turns in French and English interleave', () => {
    const translations = new Translations(resources);
    const seen: string[] = [];
    for (let round = 0; round < 3; round++) {
      seen.push(translations.translator('fr')(msg(PLAIN)), translations.translator('en')(msg(PLAIN)));
    }

    expect(seen).to.deep.equal(Array.from({ length: 3 }, () => [lookup(resources, 'fr', PLAIN), lookup(resources, 'en', PLAIN)]).flat());
    expect(lookup(resources, 'fr', PLAIN)).to.not.equal(lookup(resources, 'en', PLAIN));
  });

  it('should fill the parameters of every message, even after the same key was rendered with others', () => {
    const t = new Translations(resources).translator('fr');

    expect(t(msg(WITH_MAX, { max: 4000 }))).to.include('4000');
    expect(t(msg(WITH_MAX, { max: 12 }))).to.include('12').and.not.include('4000');
  });

  it('should render keys, not text, in cimode (conversation tests)', () => {
    const t = new Translations(resources, { cimode: true }).translator('fr');

    expect(t(msg(PLAIN))).to.equal(PLAIN);
    expect(t(msg(PLAIN))).to.equal(PLAIN);
  });
});
