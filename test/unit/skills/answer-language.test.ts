import { expect } from 'chai';
import type { Locale } from '../../../src/core/locale.js';
import { AnswerLanguage } from '../../../src/infra/skills/answer-language.js';
import { DEFAULT_SKILLS_DATA_DIR, loadSkillExtractor } from '../../../src/infra/skills/load-skill-extractor.js';
import { readLanguageFile } from '../../../src/infra/skills/resource-files.js';
import { tokenize } from '../../../src/infra/skills/tokenizer.js';

describe('AnswerLanguage: the language an answer is written in', () => {
  const languages = new AnswerLanguage({ fr: readLanguageFile(DEFAULT_SKILLS_DATA_DIR, 'fr').stopwords, en: readLanguageFile(DEFAULT_SKILLS_DATA_DIR, 'en').stopwords });
  const of = (text: string, session: Locale): Locale => languages.of(tokenize(text), session);

  it('reads an English answer in a French session as English, and the reverse', () => {
    expect(of('I mostly use the microscope and a spreadsheet for the results.', 'fr')).to.equal('en');
    expect(of("Honestly, people ask me about social media. I'm the one who knows it.", 'fr')).to.equal('en');
    expect(of("Je m'occupe de la paie et des contrats de travail.", 'en')).to.equal('fr');
    expect(of('Gestion des stocks, réception des livraisons', 'en')).to.equal('fr');
  });

  it("keeps the session's language for a French answer with English words", () => {
    expect(of('Je fais du reporting et du project management sur Power BI.', 'fr')).to.equal('fr');
    expect(of('I do the reporting in French for the head office.', 'en')).to.equal('en');
  });

  it("keeps the session's language when the answer is too short to tell", () => {
    expect(of('Excel', 'fr')).to.equal('fr');
    expect(of('Excel', 'en')).to.equal('en');
    expect(of('SAP, Salesforce', 'fr')).to.equal('fr');
    expect(of('', 'en')).to.equal('en');
  });
});

describe('LexiconSkillExtractor on an answer written in the other language', () => {
  it('finds the skills of an English answer given in a French session, with French labels', function () {
    this.timeout(60_000);
    const extractor = loadSkillExtractor();
    const found = extractor.extract('I handle the payroll for the whole company.', 'fr');
    const payroll = found.find((skill) => skill.id === '300306');
    expect(payroll?.label).to.equal('Gérer la paie');
  });
});
