import { expect } from 'chai';
import type { Locale } from '../../../src/core/locale.js';
import type { SkillMatch } from '../../../src/core/skills/skill-extractor.js';
import type { LexiconSkillExtractor } from '../../../src/infra/skills/lexicon-skill-extractor.js';
import { loadSkillExtractor } from '../../../src/infra/skills/load-skill-extractor.js';

// ROME 4.0 codes used below (data/skills/taxonomy-labels.json).
const TEAM_LEAD = '118484'; // Animer une équipe
const MEETINGS = '300469'; // Préparer et animer une réunion, un groupe de travail, un atelier
const BUDGET = '300323'; // Elaborer, suivre et piloter un budget
const BOOKKEEPING = '300318'; // Réaliser des opérations comptables
const COOKING = '300090'; // Préparer des plats culinaires
const PASTRY = '300089'; // Réaliser des préparations de pâtisserie…
const STOCKTAKE = '300259'; // Participer à un inventaire
const STOCK = '300260'; // Gérer les stocks
const ORDER_PICKING = '300645'; // Préparer les commandes en suivant les procédures
const COMPLAINTS = '400189'; // Traiter les réclamations des clients
const PAYROLL = '300306'; // Gérer la paie
const EXCEL = '403039'; // Microsoft Excel (savoir)
const PHOTOSHOP = '120738'; // Photoshop (savoir)
const NODE_JS = '121024'; // Node.js (savoir)
const RIGOUR = '300490';
const AUTONOMY = '300460';
const PERSEVERANCE = '300485';
const SELF_CONTROL = '300478';
const TEAM_SPIRIT = '300465';
const ORGANISATION = '300483';
const NURSING = '107715'; // Réaliser des soins infirmiers
const DELIVERY = '300269'; // Effectuer une livraison
const SOFTWARE = '300199'; // Développer un logiciel, un système d'informations, une application
const REGULATIONS = '300338'; // Appliquer un cadre juridique ou réglementaire
const CLOCKS = '101038'; // Horloges (savoir)
const FURNITURE = '126175'; // Meubles (savoir)
const ESCO_CHAINSAW = 'http://data.europa.eu/esco/skill/b2b8ec41-d6d1-470d-9e78-4eee515aaa3d';
const DENTAL_ASSISTANT_CERTIFICATE = '513982'; // Assistant dentaire (certification)
const HYGIENE_CARE = '107661'; // Réaliser des soins d'hygiène corporelle, de confort et de prévention
const MUSIC_INSTRUMENT = '300109'; // Maîtriser l'usage d'un instrument de musique
const BEES = '403175'; // Brevet d'Etat d'Educateur Sportif (BEES)
const ESCO_CANVAS = 'http://data.europa.eu/esco/skill/cfb8d64c-f8d7-4894-a02e-2551ab33f1d0';
const ESCO_CPP = 'http://data.europa.eu/esco/skill/b633eb55-8f1f-4ae6-ab4c-2022ffe2cb7f';
const ESCO_CSHARP = 'http://data.europa.eu/esco/skill/4c016b68-4116-468c-9dc6-42710c239e4a';

describe('LexiconSkillExtractor on the data of data/skills/', () => {
  let extractor: LexiconSkillExtractor;
  const ids = (text: string, locale: Locale = 'fr'): string[] => extractor.extract(text, locale).map((m) => m.id);
  const find = (text: string, id: string, locale: Locale = 'fr'): SkillMatch | undefined => extractor.extract(text, locale).find((m) => m.id === id);

  before(function () {
    this.timeout(30_000);
    extractor = loadSkillExtractor();
    extractor.warmUp();
  });

  describe('negation and lack', () => {
    const cases: readonly [string, Locale, string][] = [
      ["Je n'ai jamais encadré d'équipe.", 'fr', TEAM_LEAD],
      ['Je ne sais pas gérer un budget.', 'fr', BUDGET],
      ["Je sais pas trop gérer un budget, c'est pas mon truc.", 'fr', BUDGET],
      ['Aucune expérience en comptabilité.', 'fr', BOOKKEEPING],
      ['Sans expérience en comptabilité, je débute.', 'fr', BOOKKEEPING],
      ["pas à l'aise avec Excel", 'fr', EXCEL],
      ["J'ai du mal avec la paie.", 'fr', PAYROLL],
      ["La pâtisserie, j'ai horreur de ça.", 'fr', PASTRY],
      ['I have never managed people.', 'en', TEAM_LEAD],
      ["I can't cook.", 'en', COOKING],
      ["I've never done any payroll.", 'en', PAYROLL],
      ["I don't have any experience with stocktakes.", 'en', STOCKTAKE],
    ];
    for (const [text, locale, lacking] of cases) {
      it(`should not report ${lacking} for ${JSON.stringify(text)}`, () => {
        expect(ids(text, locale)).not.to.include(lacking);
      });
    }

    it('should keep the positive clause next to a negated one', () => {
      const found = ids("Je ne sais pas gérer un budget, mais j'anime très bien les réunions.");
      expect(found).to.include(MEETINGS);
      expect(found).not.to.include(BUDGET);
    });

    it('should negate a list that continues a negated clause, not what follows a new subject', () => {
      expect(ids("Je n'ai jamais fait de comptabilité, de paie ni d'inventaire.")).to.be.empty;
      expect(ids("Je ne fais plus de comptabilité, je gère les stocks.")).to.deep.equal([STOCK]);
    });

    it('should read « X oui, Y non » item by item', () => {
      const found = ids('Cuisine oui, pâtisserie non !');
      expect(found).to.include(COOKING);
      expect(found).not.to.include(PASTRY);
    });

    it('should not report what the person only wishes to learn', () => {
      expect(ids("J'aimerais me former à la comptabilité.")).not.to.include(BOOKKEEPING);
      expect(ids("I'd like to learn payroll one day.", 'en')).not.to.include(PAYROLL);
    });
  });

  describe('negative wording that is positive', () => {
    const cases: readonly [string, Locale, string][] = [
      ['Je ne lâche jamais un dossier tant qu’il n’est pas bouclé.', 'fr', PERSEVERANCE],
      ['Je suis pas du genre à paniquer.', 'fr', SELF_CONTROL],
      ["J'ai travaillé sans aucune supervision.", 'fr', AUTONOMY],
      ['I never lose my temper, even with difficult customers.', 'en', SELF_CONTROL],
      ['Je gère la paie sans problème.', 'fr', PAYROLL],
      ["Je n'hésite pas à gérer les stocks seule.", 'fr', STOCK],
    ];
    for (const [text, locale, expected] of cases) {
      it(`should report ${expected} for ${JSON.stringify(text)}`, () => {
        expect(ids(text, locale)).to.include(expected);
      });
    }
  });

  describe('French writing', () => {
    it('should read elided words (l’, d’, j’, qu’)', () => {
      expect(ids("J'ai fait l'inventaire et j'ai l'esprit d'équipe")).to.include.members([STOCKTAKE, TEAM_SPIRIT]);
    });

    it('should not read a word as a quality whose accent the writer left out while typing accents elsewhere (« pose » is not « posé »)', () => {
      expect(ids('Dépannage et pose de portes blindées.')).to.not.include(SELF_CONTROL);
      expect(ids('Je suis posé et réfléchi.')).to.include(SELF_CONTROL);
      expect(ids('je suis pose et reflechi')).to.include(SELF_CONTROL);
    });

    it('should read words typed without accents', () => {
      expect(ids('preparation de commandes, gestion des stocks, equipe soudee, esprit d equipe')).to.include.members([ORDER_PICKING, STOCK]);
      expect(ids('Je suis rigoureuse et tres organisee')).to.include.members([RIGOUR, ORGANISATION]);
    });

    it('should repair a misspelt word towards a taxonomy or lexicon word', () => {
      expect(ids("J'ai fait l'inventair du magasin")).to.include(STOCKTAKE);
      expect(ids('I do the bookeeping', 'en')).to.include(BOOKKEEPING);
    });

    it('should not read a real word of the language as a misspelling of another (« récentes » is no « recettes »)', () => {
      expect(ids('Je me tiens au courant des évolutions récentes du métier.')).not.to.include(COOKING);
      expect(ids("J'accorde et je répare des pianos.")).to.include(MUSIC_INSTRUMENT);
    });

    it('should not read a verb trigger in its homograph noun after an article (« livrer », « des livres »)', () => {
      expect(ids('Je range les livres et je renseigne les lecteurs.')).not.to.include(DELIVERY);
      expect(ids('Je livre les colis en camionnette.')).to.include(DELIVERY);
    });

    it('should not read a verb trigger in a participle that qualifies a noun (« visites programmées »)', () => {
      expect(ids('Je fais les visites d’entretien programmées sur les chaudières.')).not.to.include(SOFTWARE);
      expect(ids('Je les ai programmées moi-même en Python.')).to.include(SOFTWARE);
    });

    it('should not take an adjective for an activity (« réglementaire »)', () => {
      expect(ids('Je fais les contrôles réglementaires des extincteurs.')).not.to.include(REGULATIONS);
    });

    it('should fold derivations the stemmer misses (gestion / gérer, rigueur / rigoureux)', () => {
      expect(ids('Gestion des stocks')).to.deep.equal(ids('Je gère les stocks'));
      expect(ids('Rigueur')).to.deep.equal(ids('Rigoureux'));
    });
  });

  describe('tool names', () => {
    it('should recognise C++, C#, Node.js and their like as written', () => {
      expect(ids('Je développe en C++, en C# et avec Node.js.')).to.include.members([ESCO_CPP, ESCO_CSHARP, NODE_JS]);
    });

    it('should not take the C of « C’est » for the C language', () => {
      expect(ids("C'est tout.")).to.be.empty;
    });

    it('should match a name as written, not as the inflection of another name (Canva is no Canvas)', () => {
      expect(ids('Je fais les visuels sur Canva.')).to.not.include(ESCO_CANVAS);
      expect(ids('I design the posters in Canva.', 'en')).to.not.include(ESCO_CANVAS);
    });

    it('should read an English verb after its subject as the activity its -ing form names ("I deliver", "we pack")', () => {
      expect(ids('I deliver to shops across the county.', 'en')).to.include(DELIVERY);
      expect(ids('I wash and dress residents every morning.', 'en')).to.include(HYGIENE_CARE);
      expect(ids('The deliver button is broken.', 'en')).to.not.include(DELIVERY);
    });

    it('should read a support verb before a rare noun as the verb of a two-word activity label (« je fais les devis »)', () => {
      const labels = (text: string): string[] => extractor.extract(text, 'fr').map((skill) => skill.label);
      expect(labels('Je fais les devis pour les clients.')).to.include('Etablir un devis');
      expect(labels("Je m'occupe des devis.")).to.include('Etablir un devis');
      expect(labels('Je lis les devis des fournisseurs.')).to.not.include('Etablir un devis');
    });

    it('should not read a kind of software (« Logiciel de gestion clients ») in the activity it manages', () => {
      expect(ids('Je gère les clients difficiles avec calme.')).to.not.include('121688');
      const software = extractor.extract("J'utilise un logiciel de gestion clients au quotidien.", 'fr').map((skill) => skill.label.toLowerCase());
      expect(software.some((label) => label.includes('logiciel'))).to.equal(true);
    });

    it('should read an acronym only where it may be one: capitalised, or in an answer written without capitals', () => {
      expect(ids('I keep bees at the weekend and sell the honey.', 'en')).to.not.include(BEES);
      expect(ids("J'ai mon BEES natation depuis 2010.")).to.include(BEES);
      expect(ids("j'ai mon bees natation depuis 2010")).to.include(BEES);
    });

    it('should recognise a tool of an ESCO "operate X" skill named alone in English', () => {
      expect(ids('I use a chainsaw for felling.', 'en')).to.include(ESCO_CHAINSAW);
    });

    it('should recognise a ROME software name in an English answer', () => {
      expect(ids('I know Excel and Photoshop well.', 'en')).to.include.members([EXCEL, PHOTOSHOP]);
    });
  });

  describe('object nouns', () => {
    it('should not take the one-word object of an action noun for a skill (« démontage des meubles »)', () => {
      expect(ids('Déménageur : démontage et remontage des meubles, chargement du camion.')).to.not.include(FURNITURE);
      expect(ids('Je connais bien les meubles anciens.')).to.include(FURNITURE);
    });
  });

  describe('job titles', () => {
    it('should not take a maker for the product (« horloger » is no « Horloges »)', () => {
      expect(ids('Horloger depuis vingt ans.')).to.not.include(CLOCKS);
    });

    it('should not take a job title for the certificate named like it, in either gender (« Assistante dentaire »)', () => {
      expect(ids('Assistante dentaire depuis dix ans.')).to.not.include(DENTAL_ASSISTANT_CERTIFICATE);
    });
  });


  describe('English answers', () => {
    it('should find skills in English, labelled in English', () => {
      const complaints = find('I handle customer complaints every day.', COMPLAINTS, 'en');
      expect(complaints?.label).to.equal('Handle customer complaints');
    });

    it('should label ROME savoir-être in English', () => {
      expect(find("I'm a team player.", TEAM_SPIRIT, 'en')?.label).to.equal('Team spirit, teamwork');
    });
  });

  describe('answers without skills', () => {
    for (const text of ['', '   ', 'Je sais pas.', 'Euh... rien de spécial.', 'not sure tbh, nothing comes to mind', '?!', '12 ans']) {
      it(`should return [] for ${JSON.stringify(text)}`, () => {
        expect(extractor.extract(text, 'fr')).to.deep.equal([]);
        expect(extractor.extract(text, 'en')).to.deep.equal([]);
      });
    }
  });

  describe('hostile input', () => {
    const naughty = [
      'constructor',
      '__proto__ hasOwnProperty toString valueOf',
      '\u0000\u0001\u0002',
      '\ud800 lone surrogate \udfff',
      '😀🧪 👩🏽‍⚕️',
      'Ṱ̺̺̕o͞ ̷i̲̬͇̪͙n̝̗͕v̟̜̘̦͟o̶̙̰̠kè͚̮̺̪̹̱̤ ̖t̝͕̳̣̻̪͞h̼͓̲̦̳̘̲e͇̣̰̦̬͎ ̢̼̻̱̘h͚͎͙̜̣̲ͅi̦̲̣̰̤v̻͍e̺̭̳̪̰-m̢iͅn̖̺̞̲̯̰d̵̼̟͙̩̼̘̳',
      'مرحبا بالعالم',
      "'; DROP TABLE skills; --",
      '<script>alert(1)</script>',
      '-'.repeat(10_000),
      "l'".repeat(5_000),
      'inventaire '.repeat(3_000),
    ];
    for (const text of naughty) {
      it(`should return an array without throwing for ${JSON.stringify(text.slice(0, 30))}`, () => {
        expect(extractor.extract(text, 'fr')).to.be.an('array');
        expect(extractor.extract(text, 'en')).to.be.an('array');
      });
    }

    it('should return [] for text that is not a string or a language it does not speak', () => {
      expect(extractor.extract(undefined as unknown as string, 'fr')).to.deep.equal([]);
      expect(extractor.extract('Je gère les stocks', 'de' as Locale)).to.deep.equal([]);
    });
  });

  describe('savoir-être triggers', () => {
    it('should map adjectives to the 16 ROME savoir-être', () => {
      expect(ids('Je suis rigoureuse, autonome et persévérante.')).to.include.members([RIGOUR, AUTONOMY, PERSEVERANCE]);
    });

    it('should not read a participle or a noun as a quality (« j’ai organisé », « le patient »)', () => {
      expect(ids("J'ai organisé le planning.")).not.to.include(ORGANISATION);
      expect(ids('Le patient était calme.')).not.to.include(SELF_CONTROL);
    });
  });

  describe('kinds, levels and evidence', () => {
    it('should take the kind from the taxonomy entry', () => {
      expect(find('Photoshop tous les jours', PHOTOSHOP)?.kind).to.equal('savoir');
      expect(find('Je gère les stocks', STOCK)?.kind).to.equal('savoir-faire');
      expect(find('Je suis rigoureux', RIGOUR)?.kind).to.equal('savoir-être');
    });

    it('should collapse a ROME compétence to its macro-compétence when the macro names the same activity', () => {
      const found = extractor.extract('Je réalise des inventaires périodiques.', 'fr');
      expect(found.map((m) => m.id)).to.deep.equal([STOCKTAKE]);
      expect(found[0]?.label).to.equal('Participer à un inventaire');
    });

    it('should report each skill once, with the words that triggered it', () => {
      const found = extractor.extract('Je gère les stocks. Gestion des stocks toute la journée.', 'fr');
      expect(found.filter((m) => m.id === STOCK)).to.have.length(1);
      expect(found.find((m) => m.id === STOCK)?.evidence).to.include.members(['gère', 'stocks', 'Gestion']);
    });

    it('should rank skills by score, each in ]0, 1]', () => {
      const found = extractor.extract("Infirmière depuis 10 ans : soins infirmiers, pansements, je suis calme et rigoureuse, j'ai fait l'inventaire.", 'fr');
      expect(found.map((m) => m.id)).to.include(NURSING);
      const scores = found.map((m) => m.score);
      expect(scores).to.deep.equal([...scores].sort((a, b) => b - a));
      for (const score of scores) expect(score).to.be.within(0.01, 1);
    });
  });
});
