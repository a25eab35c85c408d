import { expect } from 'chai';
import type { Locale } from '../../../src/core/locale.js';
import { analysePolarity, type Polarity } from '../../../src/infra/skills/clause-polarity.js';
import { NegationRules } from '../../../src/infra/skills/negation-rules.js';
import { readNegationFile } from '../../../src/infra/skills/resource-files.js';
import { DEFAULT_SKILLS_DATA_DIR } from '../../../src/infra/skills/load-skill-extractor.js';
import { tokenize } from '../../../src/infra/skills/tokenizer.js';

/** The polarity of each word of `text`, as "word:polarity". */
function polarities(text: string, locale: Locale, evidence: readonly string[] = []): string[] {
  const tokens = tokenize(text);
  const skillWords = new Set(tokens.flatMap((t, i) => (evidence.includes(t.folded) ? [i] : [])));
  const polarity = analysePolarity(tokens, new NegationRules(readNegationFile(DEFAULT_SKILLS_DATA_DIR, locale)), { neutral: new Set(), evidence: skillWords });
  return tokens.flatMap((t, i) => (t.isWord ? [`${t.folded}:${polarity[i] ?? ''}`] : []));
}

const of = (text: string, locale: Locale, word: string): Polarity | undefined =>
  polarities(text, locale)
    .find((entry) => entry.startsWith(`${word}:`))
    ?.split(':')[1] as Polarity | undefined;

describe('clause polarity', () => {
  const cases: readonly [string, Locale, string, Polarity][] = [
    ["Je n'ai jamais encadré d'équipe", 'fr', 'encadre', 'negated'],
    ['Je sais pas trop organiser mon temps', 'fr', 'organiser', 'negated'],
    ['Je ne sais pas gérer un budget, mais j’anime les réunions', 'fr', 'budget', 'negated'],
    ['Je ne sais pas gérer un budget, mais j’anime les réunions', 'fr', 'reunions', 'positive'],
    ['Aucune expérience en comptabilité ; par contre je maîtrise Excel', 'fr', 'excel', 'positive'],
    ["Je n'ai pas seulement géré le budget, j'ai aussi recruté", 'fr', 'budget', 'positive'],
    ['Je ne fais que de la saisie', 'fr', 'saisie', 'positive'],
    ["Je n'encadre plus d'équipe", 'fr', 'equipe', 'negated'],
    ["Je n'y connais rien en comptabilité", 'fr', 'comptabilite', 'negated'],
    ['Je travaille sans problème en autonomie', 'fr', 'autonomie', 'positive'],
    ['Je travaille sans expérience du terrain', 'fr', 'terrain', 'negated'],
    ["J'ai du mal à déléguer", 'fr', 'deleguer', 'negated'],
    ['Je voudrais apprendre la comptabilité', 'fr', 'comptabilite', 'wish'],
    ["La vente, j'ai horreur de ça", 'fr', 'vente', 'negated'],
    ["Je n'ai pas le permis poids lourd, seulement le B", 'fr', 'b', 'positive'],
    ["Je gère la paie, ce n'est pas compliqué", 'fr', 'paie', 'positive'],
    ['I have never managed people', 'en', 'managed', 'negated'],
    ["I'm a musician but i cant read sheet music", 'en', 'musician', 'positive'],
    ["I'm a musician but i cant read sheet music", 'en', 'sheet', 'negated'],
    ["I've never worked in a kitchen and I don't have a food hygiene certificate, but I wait tables", 'en', 'hygiene', 'negated'],
    ["I've never worked in a kitchen and I don't have a food hygiene certificate, but I wait tables", 'en', 'tables', 'positive'],
    ['Not only did I run the shop, I also did the books', 'en', 'shop', 'positive'],
    ["I'd like to learn Python", 'en', 'python', 'wish'],
    // A topic, then a resumptive « ça » or a negative comment across a colon or an ellipsis.
    ['La facturation : très peu pour moi.', 'fr', 'facturation', 'negated'],
    ['Le tableur… ça, je ne maîtrise pas.', 'fr', 'tableur', 'negated'],
    ['Le montage vidéo... je ne sais pas faire.', 'fr', 'montage', 'negated'],
    ['Les plannings : je les fais chaque semaine.', 'fr', 'plannings', 'positive'],
    ['Spreadsheets: not my cup of tea.', 'en', 'spreadsheets', 'negated'],
    ["Public speaking... that, I can't do.", 'en', 'speaking', 'negated'],
    ['Welding: I do it every day.', 'en', 'welding', 'positive'],
    // A topic followed by a verbless negative comment.
    ['La soudure, pas mon truc.', 'fr', 'soudure', 'negated'],
    ['La soudure, pas de souci.', 'fr', 'soudure', 'positive'],
    ['Bookkeeping, not my strength.', 'en', 'bookkeeping', 'negated'],
    ['Le dessin, jamais.', 'fr', 'dessin', 'negated'],
    ['Le dessin, je suis nulle.', 'fr', 'dessin', 'negated'],
    // English incompetence idioms.
    ["I'm hopeless at drawing.", 'en', 'drawing', 'negated'],
    ["I've never been good at cold calling.", 'en', 'calling', 'negated'],
    ["Public speaking? I'm not cut out for it.", 'en', 'speaking', 'negated'],
    // Wider scope: coordinated topics, possessives, discourse markers, copulas, resumptive clitics, conclusions.
    ['La facturation et les relances des clients en retard de paiement… ça, non merci.', 'fr', 'relances', 'negated'],
    ["Mon allemand : je le lis mais incapable de tenir une conversation en allemand.", 'fr', 'allemand', 'negated'],
    ["Mon allemand : je le lis mais je progresse vite.", 'fr', 'allemand', 'positive'],
    ['La couture : je fais des retouches, mais je ne sais pas tricoter.', 'fr', 'couture', 'positive'],
    ['Rédiger les devis : mes calculs sont pas fiables, je me trompe, alors je délègue.', 'fr', 'devis', 'negated'],
    ['Le tableur, honnêtement je suis nul, je compte à la main.', 'fr', 'tableur', 'negated'],
    ["La comptabilité, c'est pas pour moi.", 'fr', 'comptabilite', 'negated'],
    ['Les prélèvements, je ne les fais pas, je ne suis pas habilitée.', 'fr', 'prelevements', 'negated'],
    ["Le soudage à l'arc, je n'en fais plus depuis mon accident.", 'fr', 'soudage', 'negated'],
    ['Les plannings, je les fais chaque lundi.', 'fr', 'plannings', 'positive'],
    ["L'inventaire : ça m'ennuie profondément.", 'fr', 'inventaire', 'negated'],
    ['Le maquillage ? Pas mon truc.', 'fr', 'maquillage', 'negated'],
    ['Invoicing, though, is not my strong suit.', 'en', 'invoicing', 'negated'],
    ['Negotiation and pricing? Not for me.', 'en', 'pricing', 'negated'],
    ['Welding, honestly, is my favourite part.', 'en', 'welding', 'positive'],
    ['I never got the hang of invoicing.', 'en', 'invoicing', 'negated'],
    ['Negotiating is not my thing.', 'en', 'negotiating', 'negated'],
    ["I can't sew to save my life.", 'en', 'sew', 'negated'],
    ['Accounting is beyond me.', 'en', 'accounting', 'negated'],
    ['I am rubbish at public speaking.', 'en', 'speaking', 'negated'],
    ["La soudure, je n'ai jamais su.", 'fr', 'soudure', 'negated'],
    ['Le tricot, je ne sais pas.', 'fr', 'tricot', 'negated'],
    ["Knitting, I just can't.", 'en', 'knitting', 'negated'],
    ["La menuiserie. Je n'ai jamais su faire ça.", 'fr', 'menuiserie', 'negated'],
    ["Cold calling. I just can't do it.", 'en', 'calling', 'negated'],
    ["La vente. J'ai horreur d'insister auprès des gens.", 'fr', 'vente', 'negated'],
    ['Serveuse pendant cinq ans. Jamais eu de souci avec les clients.', 'fr', 'serveuse', 'positive'],
    ["J'ai essayé le tricot mais je n'ai pas accroché.", 'fr', 'tricot', 'negated'],
    ["I tried knitting but I never got anywhere.", 'en', 'knitting', 'negated'],
    ["J'ai essayé le tricot mais je ne fais pas de couture.", 'fr', 'tricot', 'positive'],
    ['La plomberie, je la laisse au plombier.', 'fr', 'plomberie', 'negated'],
    ['La réglementation, je maîtrise mal.', 'fr', 'reglementation', 'negated'],
    ["La mécanique, franchement j'y connais rien.", 'fr', 'mecanique', 'negated'],
    ['Parler en public me terrifie.', 'fr', 'parler', 'negated'],
    ['Public speaking terrifies me.', 'en', 'speaking', 'negated'],
    ['Tout ce qui est comptabilité, je fuis.', 'fr', 'comptabilite', 'negated'],
    ['Tout ce qui est paie, je gère.', 'fr', 'paie', 'positive'],
    ["Prendre la parole en public, j'en suis incapable.", 'fr', 'parole', 'negated'],
    ["L'informatique et moi, ça fait deux.", 'fr', 'informatique', 'negated'],
    ['Mes connaissances en comptabilité sont quasi nulles.', 'fr', 'comptabilite', 'negated'],
    ['Accounting? Forget it.', 'en', 'accounting', 'negated'],
    ["I'm a disaster at cooking.", 'en', 'cooking', 'negated'],
    ['Accounting is a complete mystery to me.', 'en', 'accounting', 'negated'],
    ['Public speaking makes me nervous.', 'en', 'speaking', 'negated'],
    ['Accounting is my strong point.', 'en', 'accounting', 'positive'],
    ['Les vitrines, je les confie à un prestataire.', 'fr', 'vitrines', 'negated'],
    // Delegation as a construction: subject, clitics, a verb of delegating, then a recipient or an infinitive.
    ['Je laisse la comptabilité à mon associé.', 'fr', 'comptabilite', 'negated'],
    ['Tout ce qui est informatique, je laisse faire mon collègue.', 'fr', 'informatique', 'negated'],
    ['Je laisse les clients choisir leur table.', 'fr', 'clients', 'positive'],
    ['I leave the bookkeeping to my accountant.', 'en', 'bookkeeping', 'negated'],
    ['We usually outsource payroll to a provider.', 'en', 'payroll', 'negated'],
    ['I hand the keys to the new tenants.', 'en', 'keys', 'positive'],
    ["Pour la comptabilité, je m'en remets à l'expert-comptable.", 'fr', 'comptabilite', 'negated'],
    // Areas to improve and gaps are lacks.
    ["J'ai des lacunes en comptabilité.", 'fr', 'comptabilite', 'negated'],
    ['Pour le management, j’ai encore beaucoup à apprendre.', 'fr', 'management', 'negated'],
    ['I need to work on my presentation skills.', 'en', 'presentation', 'negated'],
    ["L'anglais ? Je le baragouine.", 'fr', 'anglais', 'negated'],
    // « zéro » introduces a lack like « sans ».
    ['Zéro expérience en management.', 'fr', 'management', 'negated'],
    ['I have zero experience with SQL.', 'en', 'sql', 'negated'],
    ['Zero defects on my line this year.', 'en', 'defects', 'positive'],
  ];
  for (const [text, locale, word, expected] of cases) {
    it(`should read "${word}" as ${expected} in ${JSON.stringify(text)}`, () => {
      expect(of(text, locale, word)).to.equal(expected);
    });
  }

  it('should keep a negation inside its subordinate clause (« tant qu’il n’est pas bouclé »)', () => {
    expect(of("Je boucle chaque dossier tant qu'il n'est pas fini", 'fr', 'boucle')).to.equal('positive');
  });

  it('should not read the negation words of a recognised positive phrase', () => {
    const tokens = tokenize('Je ne panique jamais');
    const rules = new NegationRules(readNegationFile(DEFAULT_SKILLS_DATA_DIR, 'fr'));
    expect(analysePolarity(tokens, rules, { neutral: new Set(), evidence: new Set() }).slice(0, 4)).to.include('negated');
    expect(analysePolarity(tokens, rules, { neutral: new Set([1, 2, 3]), evidence: new Set([1, 2, 3]) })).to.deep.equal(['positive', 'positive', 'positive', 'positive']);
  });

  describe('a list of noun phrases opening the sentence, then a negative comment', () => {
    const at = (text: string, locale: Locale, word: string, evidence: readonly string[] = []): Polarity | undefined =>
      polarities(text, locale, evidence)
        .find((entry) => entry.startsWith(`${word}:`))
        ?.split(':')[1] as Polarity | undefined;

    it('should negate every item of the list when the comment names no skill of its own, however long', () => {
      const text = "La soudure, le meulage, franchement je ne suis pas à l'aise du tout avec tout ça";
      expect(at(text, 'fr', 'soudure')).to.equal('negated');
      expect(at(text, 'fr', 'meulage')).to.equal('negated');
      expect(at('Spreadsheets, pivot tables, I get lost with that kind of stuff every single time', 'en', 'spreadsheets')).to.equal('negated');
      expect(at('Les devis, la facturation, connais pas.', 'fr', 'devis')).to.equal('negated');
    });

    it('should leave the list alone when the comment names a skill of its own (« je ne fais pas la paie »)', () => {
      const text = 'La comptabilité, les factures, je ne fais pas du tout la paie du personnel';
      expect(at(text, 'fr', 'comptabilite', ['paie'])).to.equal('positive');
      expect(at(text, 'fr', 'paie', ['paie'])).to.equal('negated');
      expect(at('Le tricot, je ne fais pas la couture.', 'fr', 'tricot', ['couture'])).to.equal('positive');
      expect(at('Cuisine oui, pâtisserie non !', 'fr', 'cuisine', ['cuisine', 'patisserie'])).to.equal('positive');
      expect(at('Missions : accueil des clients, je ne fais pas la paie.', 'fr', 'accueil', ['accueil', 'paie'])).to.equal('positive');
    });

    it('should negate the topic of a failed attempt that names nothing of its own (« la soudure, j’ai essayé mais… »)', () => {
      expect(at("La soudure, j'ai essayé mais j'ai pas accroché.", 'fr', 'soudure')).to.equal('negated');
      expect(at("La soudure, j'ai essayé le TIG mais j'ai pas accroché.", 'fr', 'soudure', ['tig'])).to.equal('positive');
    });

    it('should not reach back past a clause that has its own subject (« j’ai fait de la soudure, du meulage, … »)', () => {
      expect(at("J'ai fait de la soudure, du meulage, je ne m'ennuie jamais", 'fr', 'meulage')).to.equal('positive');
    });
  });
});
