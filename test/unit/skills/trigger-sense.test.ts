import { expect } from 'chai';
import type { Locale } from '../../../src/core/locale.js';
import { DEFAULT_SKILLS_DATA_DIR } from '../../../src/infra/skills/load-skill-extractor.js';
import { readLanguageFile } from '../../../src/infra/skills/resource-files.js';
import { tokenize } from '../../../src/infra/skills/tokenizer.js';
import { TriggerSense } from '../../../src/infra/skills/trigger-sense.js';

/** Whether `word` (its first occurrence) names the person's own activity in `text`. */
function names(text: string, word: string, locale: Locale): boolean {
  const sense = new TriggerSense(readLanguageFile(DEFAULT_SKILLS_DATA_DIR, locale).sense);
  const tokens = tokenize(text);
  const at = tokens.findIndex((t) => t.lower === word);
  expect(at, `${word} in ${text}`).to.be.greaterThan(-1);
  return sense.namesOwnActivity(tokens, at);
}

describe('TriggerSense: a one-word activity trigger names what the person does', () => {
  it('accepts a first-person sentence, a list after a colon and a sentence without subject', () => {
    expect(names("Je m'occupe de la comptabilité depuis dix ans.", 'comptabilité', 'fr')).to.equal(true);
    expect(names('Assistante : accueil, courrier, comptabilité.', 'comptabilité', 'fr')).to.equal(true);
    expect(names('Vidanges, freins, pneus.', 'vidanges', 'fr')).to.equal(true);
    expect(names('I look after the bookkeeping.', 'bookkeeping', 'en')).to.equal(true);
  });

  it('reads someone else written with an accent or after a possessive as someone else (« ma collègue »)', () => {
    expect(names("C'est ma collègue qui fait la paie, pas moi.", 'paie', 'fr')).to.equal(false);
    expect(names('Mes collègues me demandent de faire la paie quand elles partent.', 'paie', 'fr')).to.equal(true);
    expect(names('Pour les perfusions difficiles, les collègues viennent me chercher.', 'perfusions', 'fr')).to.equal(true);
  });

  it('rejects a word that names a department', () => {
    expect(names('Je travaille au service comptabilité.', 'comptabilité', 'fr')).to.equal(false);
    expect(names('Je suis au service de la comptabilité.', 'comptabilité', 'fr')).to.equal(false);
    expect(names('I moved to the marketing department.', 'department', 'en')).to.equal(true);
    expect(names('I work in the department of bookkeeping.', 'bookkeeping', 'en')).to.equal(false);
  });

  it('rejects a product the person sells, orders or delivers', () => {
    expect(names('Je vends des tronçonneuses en magasin.', 'tronçonneuses', 'fr')).to.equal(false);
    expect(names('I sell chainsaws and mowers.', 'chainsaws', 'en')).to.equal(false);
  });

  it('rejects the object of another activity named by an action noun, not of a support noun', () => {
    expect(names('Préparation du plateau, stérilisation des instruments.', 'instruments', 'fr')).to.equal(false);
    expect(names('Je joue de plusieurs instruments.', 'instruments', 'fr')).to.equal(true);
    expect(names('Gestion de la comptabilité.', 'comptabilité', 'fr')).to.equal(true);
  });

  it('rejects a word that only says what a delay, a cost or an error is about', () => {
    expect(names("J'ai formé l'équipe, sans retard de livraison.", 'livraison', 'fr')).to.equal(false);
    expect(names('Je gère la livraison des commandes.', 'livraison', 'fr')).to.equal(true);
    expect(names('We had no delivery delays that year.', 'delivery', 'en')).to.equal(false);
    expect(names('I organise the delivery of parts.', 'delivery', 'en')).to.equal(true);
  });

  it("rejects someone else's task", () => {
    expect(names("La comptabilité, c'est ma collègue : elle s'en charge.", 'comptabilité', 'fr')).to.equal(false);
    expect(names('They do the bookkeeping.', 'bookkeeping', 'en')).to.equal(false);
    expect(names("Je m'occupe de la comptabilité quand il est absent.", 'comptabilité', 'fr')).to.equal(true);
    expect(names('I do the surveys, someone else does the bookkeeping.', 'bookkeeping', 'en')).to.equal(false);
    expect(names("Je fais les relevés, quelqu'un d'autre fait la comptabilité.", 'comptabilité', 'fr')).to.equal(false);
  });

  it('rejects a word that only dates or frames what is said', () => {
    expect(names('Je tiens le bar pendant les concerts.', 'concerts', 'fr')).to.equal(false);
    expect(names('Je tiens le stand lors du salon.', 'salon', 'fr')).to.equal(false);
    expect(names('I run the cloakroom during events.', 'events', 'en')).to.equal(false);
    expect(names("J'organise les concerts de l'été.", 'concerts', 'fr')).to.equal(true);
  });

  it('rejects the counted members of a team (« une équipe de quatre serveurs »)', () => {
    expect(names('Je dirigeais une équipe de quatre serveurs.', 'serveurs', 'fr')).to.equal(false);
    expect(names('Je dirigeais une équipe de 12 serveurs.', 'serveurs', 'fr')).to.equal(false);
    expect(names('I led a team of four waiters.', 'waiters', 'en')).to.equal(false);
    expect(names("J'administre douze serveurs.", 'serveurs', 'fr')).to.equal(true);
  });

  it('rejects an item coordinated with the object of an action noun (« nettoyage des quais et des toilettes »)', () => {
    expect(names('Nettoyage des quais et des toilettes.', 'toilettes', 'fr')).to.equal(false);
    expect(names('Démontage et remontage des meubles.', 'meubles', 'fr')).to.equal(false);
    expect(names('Accueil des clients et comptabilité.', 'comptabilité', 'fr')).to.equal(true);
  });

  it('rejects a word that names a place (« la salle de concert »)', () => {
    expect(names('Je suis technicien dans une salle de concert.', 'concert', 'fr')).to.equal(false);
  });
});
