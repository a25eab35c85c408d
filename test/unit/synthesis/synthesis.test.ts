import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { emptyRecord, type AnswerValue, type BilanRecord } from '../../../src/core/bilan/bilan-record.js';
import type { Flow } from '../../../src/core/flow/flow-schema.js';
import type { Locale } from '../../../src/core/locale.js';
import { msg } from '../../../src/core/messages.js';
import { buildSynthesis, SYNTHESIS_SECTIONS } from '../../../src/core/synthesis/synthesis.js';
import { escapeMarkdown, renderSynthesisMarkdown } from '../../../src/infra/synthesis/markdown.js';
import { parseInline, parseMarkdown, renderSynthesisPdf } from '../../../src/infra/synthesis/pdf.js';
import { loadSynthesisTemplate, type SynthesisTemplate } from '../../../src/infra/synthesis/template.js';
import { realFlows, realTranslations } from '../../support/flows.js';
import { pdfText } from '../../support/pdf-text.js';

const TEMPLATES_DIR = fileURLToPath(new URL('../../../locales/', import.meta.url));
const NOW = new Date('2026-03-03T10:00:00.000Z');
const AT = '2026-02-10T09:00:00.000Z';

const HOSTILE = '# Title\n[link](http://x) <script>alert(1)</script> ![img](http://y.png) www.evil.com **bold**';
const TRIGGER = 'Après 12 ans en entrepôt, j’ai envie de transmettre « mon métier » — vraiment · enfin';

let flows: Flow[];
before(() => {
  flows = realFlows();
});

function answer(value: AnswerValue, flow = 'preliminaire') {
  return { value, at: AT, flow, flowVersion: 1 };
}

function skipped(flow: string) {
  return { skipped: true as const, at: AT, flow, flowVersion: 1 };
}

/** A bilan well under way: some answers in each phase, one skipped, the satisfaction score given. */
function realisticRecord(): BilanRecord {
  const record = emptyRecord('user-1', new Date(AT));
  record.consent = { informationAcknowledgedAt: AT, engagedAt: AT, refusedAt: AT, objectivesConfirmedAt: '2026-02-12T09:00:00.000Z' };
  record.answers = {
    p17_information_read: answer('yes'),
    p00_engagement: answer('yes'),
    p10_initiative: answer('myself'),
    p11_funding: answer('cpf'),
    p12_freedom: answer('some_pressure'),
    p15_format: answer('mixed'),
    p01_trigger: answer(TRIGGER),
    p02_event: skipped('preliminaire'),
    p03_situation: answer('change_occupation'),
    p05_questions: answer('Savoir quel métier viser et comment m’y former.'),
    p14_constraints: answer(['distance', 'part_time']),
    i25_values_first: answer('usefulness', 'investigation'),
    i25_values_second: answer('autonomy', 'investigation'),
    i25_values_third: answer('learning', 'investigation'),
    i28_energy_gives: answer(HOSTILE, 'investigation'),
    i47_evolution_options: answer(['new_occupation', 'training'], 'investigation'),
    c01_main_project: answer('Devenir formatrice pour adultes en logistique.', 'conclusion'),
    c07_alternative: skipped('conclusion'),
    c03_confidence: answer(7, 'conclusion'),
    c09_step1_action: answer('Rencontrer deux formateurs', 'conclusion'),
    c09_step1_date: answer('within_3_months', 'conclusion'),
    c10_step1_resources: answer(['cpf', 'cep'], 'conclusion'),
    c12_indicator: answer('Une entrée en formation avant l’été', 'conclusion'),
    c15_follow_up: answer('yes', 'conclusion'),
    c17_satisfaction: answer(4, 'conclusion'),
  };
  record.skills = [
    { id: 'k1', label: 'Gestion des stocks', kind: 'savoir', source: 'extracted', evidence: ['les stocks'], question: 'i02_missions_current', confirmedAt: AT },
    { id: 'k2', label: 'Former des collaborateurs', kind: 'savoir-faire', source: 'extracted', evidence: ['j’ai formé'], question: 'i11_story1_actions', confirmedAt: AT },
    { id: 'k3', label: 'Sens de la pédagogie', kind: 'savoir-être', source: 'extracted', evidence: ['expliquer'], question: 'i19_three_words', confirmedAt: AT },
    { label: 'Conduire un chariot', source: 'user', evidence: [], question: 'i18_tools', confirmedAt: AT },
  ];
  record.interests = { holland: 'SRC', scores: { S: 3, R: 2, C: 1 }, computedAt: AT };
  record.explorations = [
    {
      code: 'K2111',
      label: 'Formation professionnelle',
      matchedSkills: [{ id: 'k2', label: 'Former des collaborateurs' }],
      gaps: [{ id: 'g1', label: 'Concevoir une ingénierie de formation' }],
      keptAt: AT,
    },
  ];
  record.taxonomies = { rome: '4.0 v460' };
  return record;
}

const optionLabel = (questionId: string, value: string) => {
  for (const flow of flows)
    for (const step of flow.steps)
      if (step.type === 'question' && step.id === questionId) {
        const key = step.options?.find((o) => o.value === value)?.label;
        if (key) return key;
      }
  throw new Error(`no option ${value} for ${questionId}`);
};

describe('synthesis Markdown', () => {
  const templates = {} as Record<Locale, SynthesisTemplate>;
  before(() => {
    templates.fr = loadSynthesisTemplate(TEMPLATES_DIR, 'fr');
    templates.en = loadSynthesisTemplate(TEMPLATES_DIR, 'en');
  });
  const render = (locale: Locale, record = realisticRecord()) =>
    renderSynthesisMarkdown(buildSynthesis(record, flows, NOW), templates[locale], realTranslations().translator(locale));

  for (const locale of ['fr', 'en'] as const) {
    it(`${locale}: shows the translated labels of the chosen options, from locales/`, () => {
      const t = realTranslations().translator(locale);
      const md = render(locale);
      for (const [q, v] of [
        ['p10_initiative', 'myself'],
        ['p11_funding', 'cpf'],
        ['p15_format', 'mixed'],
        ['i25_values_first', 'usefulness'],
        ['i47_evolution_options', 'training'],
        ['c10_step1_resources', 'cep'],
      ] as const) {
        expect(md, `${q}=${v}`).to.include(escapeMarkdown(t(msg(optionLabel(q, v)))));
      }
      expect(md).to.include(t(msg('common:card.yes')));
      expect(md).to.include('SRC');
      expect(md).to.include('K2111');
    });

    it(`${locale}: keeps the user's words, escaped, and says "draft" once, in the notice at the top`, () => {
      const md = render(locale);
      expect(md).to.include(escapeMarkdown(TRIGGER));
      expect(md).to.include('Devenir formatrice pour adultes en logistique.');
      const draft = locale === 'fr' ? /brouillon|à valider|proposition/gi : /draft|to validate/gi;
      expect(md.match(draft)).to.have.length(locale === 'fr' ? 2 : 2); // « Brouillon, à valider » / "Draft, to validate": one notice
      expect(md.split('\n').findIndex((l) => draft.test(l))).to.be.lessThan(4);
      expect(md).not.to.include('some_pressure');
    });

    it(`${locale}: explains the Holland code in words, dates the steps, credits ROME and ESCO`, () => {
      const md = render(locale);
      expect(md).to.match(locale === 'fr' ? /SRC — social \(aider, former, conseiller\) ; réaliste/ : /SRC — social \(helping, teaching, advising\); realistic/);
      expect(md).to.include(locale === 'fr' ? 'd’ici le 10 mai 2026' : 'by 10 May 2026');
      expect(md).to.match(/ROME 4\.0 \(France Travail, Licence Ouverte/);
      expect(md).to.match(/ESCO v1\.2 \(© (Union européenne|European Union), (Commission européenne|European Commission), CC BY 4\.0\)/);
      expect(md).not.to.match(/\b[a-z]+:[a-z]+[._][a-z0-9_.]+\b|\blabels\.[a-z0-9_]+/);
    });

    it(`${locale}: says "nothing yet" in every section of an empty record`, () => {
      const md = render(locale, emptyRecord('u', NOW));
      const empty = templates[locale].strings.get('empty')!;
      expect(md.split(empty).length - 1).to.equal(SYNTHESIS_SECTIONS.length);
      expect(md.match(/^## /gm)).to.have.length(SYNTHESIS_SECTIONS.length);
      expect(md).not.to.match(/\{\{/);
    });
  }

  it('separates skills with a list separator (their labels hold commas), and leaves out what a step does not say', () => {
    const record = realisticRecord();
    record.skills = [...(record.skills ?? []), { id: 'k9', label: 'Charger, décharger des produits', kind: 'savoir', source: 'extracted', evidence: [], question: 'i02_missions_current', confirmedAt: AT }];
    Object.assign(record.answers, { c09_step2_action: answer('Passer le CACES R489', 'conclusion') });
    const md = render('fr', record);
    expect(md).to.include('**Savoirs** : Gestion des stocks ; Charger, décharger des produits');
    expect(md).to.include('**Étape 2** : Passer le CACES R489\n');
    expect(md).to.include('**Étape 1** : Rencontrer deux formateurs · d’ici le 10 mai 2026 · moyens : ');
    expect(render('en', record)).to.include('Gestion des stocks; Charger, décharger des produits');
  });

  it('shows the user words as typed in French, accents and quotes included', () => {
    expect(render('fr')).to.include('Après 12 ans en entrepôt, j’ai envie de transmettre « mon métier » — vraiment · enfin');
  });

  it('cannot be given a heading, link, image or HTML by an answer', () => {
    const md = render('fr');
    const headings = md.split('\n').filter((l) => /^\s{0,3}#/.test(l));
    expect(headings).to.have.length(1 + SYNTHESIS_SECTIONS.length);
    expect(md).not.to.match(/(^|[^\\])\[[^\]]*\]\(/);
    expect(md).not.to.match(/(^|[^\\])<script/);
    expect(md).not.to.include('http://');
    expect(md).not.to.match(/(^|[^\\])www\./);
    expect(md).to.include('\\# Title');
    expect(md).to.include('\\[link\\](http:\\/\\/x)');
    expect(md).to.include('\\<script\\>');
  });

  it('escapes block markers at the start of continuation lines', () => {
    expect(escapeMarkdown('a\n- b\n1. c\n# d')).to.equal('a\\\n  \\- b\\\n  1\\. c\\\n  \\# d');
  });

  it('is deterministic for a fixed clock', () => {
    expect(render('fr')).to.equal(render('fr'));
    expect(render('fr')).to.include('3 mars 2026');
    expect(render('en')).to.include('3 March 2026');
  });
});

describe('synthesis PDF (text read back with pdftotext)', function () {
  // The first PDF loads pdfkit and reads the four font files; a busy machine needs more than the default 10 s.
  this.timeout(60_000);
  let template: SynthesisTemplate;
  before(() => {
    template = loadSynthesisTemplate(TEMPLATES_DIR, 'fr');
  });

  const markdown = (record = realisticRecord()) => renderSynthesisMarkdown(buildSynthesis(record, flows, NOW), template, realTranslations().translator('fr'));
  const pdf = (md = markdown()) => renderSynthesisPdf(md, { title: template.strings.get('title')!, createdAt: NOW, pageLabel: 'Page {{page}} / {{pages}}' });

  it('is a PDF with the title, the notice once, page numbers and the user’s words with accents', async () => {
    const buffer = await pdf();
    expect(buffer.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    const text = pdfText(buffer).replace(/\s+/g, ' ');
    expect(text).to.include('Document de synthèse de mon bilan de compétences');
    expect(text).to.include('Devenir formatrice pour adultes en logistique.');
    expect(text).to.match(/Page 1 \/ \d/);
    expect(text.match(/Brouillon/g)).to.have.length(1);
    expect(text).to.include('« mon métier » — vraiment · enfin');
    expect(text).to.include('# Title');
  });

  it('keeps Polish, Greek, Cyrillic and Arabic letters as typed (no « ? »)', async () => {
    const record = realisticRecord();
    const words = 'Zoë Łódź Żółć · Ελληνικά · Київ Москва · مرحبا';
    record.answers['c01_main_project'] = answer(`Projet ≥ ambitieux avec ${words}`, 'conclusion');
    const text = pdfText(await pdf(markdown(record))).replace(/\s+/g, ' ');
    for (const word of ['Zoë', 'Łódź', 'Żółć', 'Ελληνικά', 'Київ', 'Москва', '≥']) expect(text, word).to.include(word);
    expect(text).not.to.include('?ódz');
  });

  it('says under the notice, once, when letters cannot be shown (Ethiopic), and only then', async () => {
    const note = template.strings.get('missingGlyphs')!;
    const withNote = (md: string) => renderSynthesisPdf(md, { title: 'x', createdAt: NOW, missingGlyphsNote: note });
    const record = realisticRecord();
    record.answers['c01_main_project'] = answer('Travailler avec ሰላም à Łódź', 'conclusion');
    const text = pdfText(await withNote(markdown(record))).replace(/\s+/g, ' ');
    expect(text.split(note.slice(0, 40)).length - 1).to.equal(1);
    expect(text.indexOf(note.slice(0, 40))).to.be.lessThan(text.indexOf('1. Votre demande'));
    expect(pdfText(await withNote(markdown())).replace(/\s+/g, ' ')).not.to.include(note.slice(0, 40));
  });

  it('never leaves a heading alone at the foot of a page, and draws no empty bullet', async () => {
    const record = realisticRecord();
    for (const id of ['i01_career_path', 'i07_outside_work', 'i08_knowledge_training']) record.answers[id] = answer('Une longue réponse. '.repeat(25), 'investigation');
    const pages = pdfText(await pdf(markdown(record))).split('\f').filter((p) => p.trim().length > 0);
    expect(pages.length).to.be.greaterThan(2);
    for (const page of pages) {
      const lines = page.split('\n').map((l) => l.trim()).filter((l) => l.length > 0 && !/^Page \d+ \/ \d+$/.test(l));
      expect(lines.at(-1), 'last line of a page').not.to.match(/^\d+\. /);
      expect(lines.filter((l) => l === '•'), 'empty bullet').to.have.length(0);
    }
  });

  it('never starts a line with « » », « : », « ; » or « · » (French spacing kept with the word before)', async () => {
    const items = Array.from({ length: 80 }, (_, k) => `- **Piste** : « ${'Animateur sécurité '.repeat(1 + (k % 3))}${'x'.repeat(k % 40)} » · d’ici le mois ; fin`);
    const lines = pdfText(await pdf(`# Titre\n\n${items.join('\n')}\n`)).split('\n').map((l) => l.trim());
    expect(lines.filter((l) => /^[»:;·]/u.test(l))).to.deep.equal([]);
  });

  it('is deterministic for a fixed clock', async () => {
    expect((await pdf()).equals(await pdf())).to.equal(true);
  });

  it('reads the renderer’s Markdown subset back as styled runs, and drops items with no text', () => {
    expect(parseInline('**Label** : x \\* y — *draft*')).to.deep.equal([
      { text: 'Label', bold: true, italic: false },
      { text: ' : x * y — ', bold: false, italic: false },
      { text: 'draft', bold: false, italic: true },
    ]);
    expect(parseMarkdown('- **  **\n- a')).to.have.length(1);
  });
});
