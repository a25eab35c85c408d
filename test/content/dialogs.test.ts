import { expect } from 'chai';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../../src/project-root.js';
import { questionsOf } from '../../src/core/flow/flow-catalog.js';
import { LOCALES } from '../../src/core/locale.js';
import { msg } from '../../src/core/messages.js';
import { loadFlows } from '../../src/infra/files/load-flows.js';
import { Translations } from '../../src/infra/i18n/create-i18n.js';
import { readLocaleResources } from '../../src/infra/i18n/locale-resources.js';
import { withSynthesisNamespace } from '../../src/infra/synthesis/template.js';
import { promptCard } from '../../src/bot/render/question-cards.js';
import { typeset } from '../../src/bot/render/adaptive-card.js';
import { adaptiveCardOf, submitActions } from '../support/cards.js';
import { cardActivity } from '../../src/bot/render/render.js';

const translations = new Translations(withSynthesisNamespace(readLocaleResources(resolve(PROJECT_ROOT, 'locales')), resolve(PROJECT_ROOT, 'locales')));
const flows = loadFlows(resolve(PROJECT_ROOT, 'dialogs'), translations.keyChecker());
const preliminaire = flows.find((f) => f.phase === 'preliminaire');

/** Topics a bilan question must never ask about (L6313-4 al. 3; GDPR art. 9). */
const FORBIDDEN_TOPICS: Record<string, RegExp> = {
  fr: /santé|maladie|handicap|famille|enfant|conjoint|religi|syndica|salaire|rémunération|orientation sexuelle/i,
  en: /health|illness|disabilit|family|child|spouse|religi|union|salary|wage|earn|sexual orientation/i,
};

describe('dialogs/', () => {
  it('should load and validate every dialog tree against every locale', () => {
    expect(flows.map((f) => f.phase)).to.include('preliminaire');
  });

  it('should explain every question with a purpose of its own, in every locale (not a copy of the question)', () => {
    for (const locale of LOCALES) {
      const t = translations.translator(locale);
      for (const q of flows.flatMap(questionsOf)) {
        const purpose = t(msg(q.purpose));
        expect(purpose.trim(), `${q.id} (${locale})`).to.not.equal('');
        expect(purpose, `${q.id} (${locale})`).to.not.equal(t(msg(q.prompt)));
      }
    }
  });

  it('should cover the needs analysis of the phase préliminaire (R6313-4 1°)', () => {
    const ids = questionsOf(preliminaire!).map((q) => q.id);
    for (const required of ['p17_information_read', 'p00_engagement', 'p01_trigger', 'p03_situation', 'p05_questions', 'p14_constraints', 'p15_format', 'p16_adjustments', 'p10_initiative', 'p11_funding', 'p08_clarity']) {
      expect(ids, required).to.include(required);
    }
    expect(preliminaire!.steps.some((s) => s.type === 'recap')).to.equal(true);
  });

  for (const locale of LOCALES) {
    it(`should never ask about health, family, religion, union membership or salary (${locale})`, () => {
      const t = translations.translator(locale);
      const asked = flows.flatMap(questionsOf).flatMap((q) => [q.prompt, ...(q.options ?? []).map((o) => o.label)]);
      const offending = asked.filter((key) => FORBIDDEN_TOPICS[locale]!.test(t(msg(key))));
      expect(offending).to.deep.equal([]);
    });

    it(`should render every question as a Teams card with stable values, a skip button and its purpose (${locale})`, () => {
      const t = translations.translator(locale);
      for (const flow of flows) {
        for (const question of questionsOf(flow)) {
          const card = adaptiveCardOf(cardActivity(promptCard({ type: 'question', flow, question, promptId: question.id }, t)));
          expect(card?.['version'], question.id).to.equal('1.5');
          const actions = submitActions(card);
          expect(actions.some((a) => a.data['skip'] === true), `${question.id} offers skip`).to.equal(true);
          expect(actions.every((a) => a.data['promptId'] === question.id && a.data['flowVersion'] === flow.version)).to.equal(true);
          const why = ((card?.['body'] as Record<string, unknown>[]) ?? []).find((e) => e['id'] === 'why');
          expect(JSON.stringify(why), `${question.id} explains its purpose, one tap away`).to.contain(JSON.stringify(typeset(t(msg(question.purpose)))).slice(1, -1));
          const buttons = (card?.['actions'] as Record<string, unknown>[]) ?? [];
          expect(buttons.length, `${question.id}: at most three buttons`).to.be.at.most(3);
          expect(buttons.filter((b) => b['style'] === 'positive'), `${question.id}: one primary action`).to.have.length(1);
          const titles = buttons.map((b) => b['title']);
          expect(new Set(titles).size, `${question.id}: no repeated label`).to.equal(titles.length);
          expect(Buffer.byteLength(JSON.stringify(card), 'utf16le'), 'well under the 100 KB Teams limit').to.be.below(28 * 1024);
        }
      }
    });
  }
});
