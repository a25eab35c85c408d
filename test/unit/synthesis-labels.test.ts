import { expect } from 'chai';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../../src/project-root.js';
import { msg } from '../../src/core/messages.js';
import { Translations } from '../../src/infra/i18n/create-i18n.js';
import { readLocaleResources } from '../../src/infra/i18n/locale-resources.js';
import { withSynthesisLabels } from '../../src/infra/synthesis/synthesis-labels.js';
import { loadSynthesisTemplate } from '../../src/infra/synthesis/template.js';

describe('synthesis labels outside the document (tabs)', () => {
  const locales = resolve(PROJECT_ROOT, 'locales');
  const resources = readLocaleResources(locales);
  const template = loadSynthesisTemplate(locales, 'en');

  it('should read synthesis: keys from the locale\'s synthesis.md, with their parameters, and other keys from i18next', () => {
    const t = withSynthesisLabels(new Translations(resources).translator('en'), template);
    expect(t(msg('synthesis:labels.skills.savoir-faire'))).to.equal(template.strings.get('labels.skills.savoir-faire'));
    expect(t(msg('synthesis:labels.step', { n: 2 }))).to.equal(template.strings.get('labels.step')!.replace('{{n}}', '2'));
    expect(t(msg('common:phases.conclusion'))).to.equal('Conclusion phase');
  });

  it('should keep keys in cimode, as the conversation tests expect', () => {
    const t = withSynthesisLabels(new Translations(resources, { cimode: true }).translator('en'), template);
    expect(t(msg('synthesis:labels.skills.savoir-faire'))).to.equal('synthesis:labels.skills.savoir-faire');
  });
});
