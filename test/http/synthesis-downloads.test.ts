import { expect } from 'chai';
import { Conversation } from '../support/conversation.js';
import { FixedClock } from '../support/flows.js';
import { storedAnywhere } from '../support/encrypted-store.js';
import { StoreBilanRepository } from '../../src/core/bilan/bilan-repository.js';
import { personIdOf } from '../support/http.js';
import { engage, seedConcludedBilan, storedRecord } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { entraId } from '../support/activities.js';

type Json = Record<string, unknown>;

/** The URLs of the Action.OpenUrl buttons of a card, by the key of their title (cimode). */
function openUrls(card: Json | undefined): Record<string, string> {
  const actions = (card?.['actions'] as Json[] | undefined) ?? [];
  return Object.fromEntries(actions.filter((a) => a['type'] === 'Action.OpenUrl').map((a) => [String(a['title']), String(a['url'])]));
}

describe('synthesis downloads (GET /synthesis/<token>.<pdf|md>)', () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp({ env: { PUBLIC_BASE_URL: 'https://bilan.example.org' } });
  });

  after(async () => {
    await app.close();
  });

  const local = (url: string) => url.replace('https://bilan.example.org', app.url);

  it('user who has not engaged is told the synthesis comes later, and gets no link', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-early' });
    await chat.say('ma synthèse');
    expect(chat.keys()).to.deep.equal(['common:synthesis.nothing']);
  });

  it('user asks for their synthesis and downloads it as PDF and Markdown through personal links', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-synth' });
    await engage(chat);
    await chat.say('Je veux devenir formatrice, après douze ans en logistique.');
    await chat.say('my synthesis');
    expect(chat.currentPrompt()).to.equal('common:synthesis.title');
    expect(JSON.stringify(chat.latestCard), 'the content stays out of the Teams history').not.to.contain('formatrice');
    expect(JSON.stringify(chat.latestCard), 'the card says where else to read it').to.contain('common:synthesis.where');
    const urls = openUrls(chat.latestCard);
    expect(urls['common:synthesis.pdf']).to.match(/^https:\/\/bilan\.example\.org\/synthesis\/[\w-]+\.pdf$/);
    expect(urls['common:synthesis.pdf'], 'the link does not reveal who it is for').to.not.contain(entraId('aad-synth'));

    const markdown = await fetch(local(String(urls['common:synthesis.md'])));
    expect(markdown.status).to.equal(200);
    expect(markdown.headers.get('content-type')).to.contain('text/markdown');
    expect(markdown.headers.get('cache-control')).to.equal('no-store');
    expect(markdown.headers.get('content-disposition')).to.match(/attachment; filename=".+\.md"/);
    expect(await markdown.text()).to.contain('formatrice');

    const pdf = await fetch(local(String(urls['common:synthesis.pdf'])));
    expect(pdf.status).to.equal(200);
    expect(pdf.headers.get('content-type')).to.equal('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).to.equal('%PDF-');
  });

  it('user rewords a skill and removes another with « modifier ma synthèse »; the document shows their version only', async () => {
    await seedConcludedBilan(app.app.storage, app.app, 'aad-edit', { trigger: 'Envie de transmettre', skills: ['Former des collaborateurs', 'Conduire un chariot'], project: 'Devenir formateur' });
    const chat = new Conversation(app, { aadObjectId: 'aad-edit' });
    await chat.say('modifier ma synthèse');
    const inputs = JSON.stringify(chat.latestCard);
    expect(inputs).to.contain('text:skill.former-des-collaborateurs').and.to.contain('remove:skill.conduire-un-chariot');
    await chat.submit({ bilan: 'synthesisEdit', 'text:skill.former-des-collaborateurs': 'Former et accompagner des adultes', 'remove:skill.conduire-un-chariot': 'true', 'text:skill.conduire-un-chariot': 'Conduire un chariot' });
    expect(chat.keys()).to.deep.equal(['common:synthesisEdit.saved']);
    await chat.say('ma synthèse');
    const markdown = await (await fetch(local(String(openUrls(chat.latestCard)['common:synthesis.md'])))).text();
    expect(markdown).to.contain('Former et accompagner des adultes');
    expect(markdown).not.to.contain('Conduire un chariot');
    expect(markdown).not.to.contain('Former des collaborateurs');
  });

  it('the results card of the conclusion lists the skills as the person edited them', async () => {
    const user = entraId('aad-edit-results');
    await seedConcludedBilan(app.app.storage, app.app, user, { trigger: 'Envie de transmettre', skills: ['Former des collaborateurs', 'Conduire un chariot'], project: 'Devenir formateur' });
    const repository = new StoreBilanRepository(app.app.storage);
    const loaded = (await repository.load(personIdOf(app.app, user)))!;
    const { conclusion: _notYet, ...phases } = loaded.record.phases;
    await repository.save({ ...loaded.record, phases }, loaded.eTag);
    const chat = new Conversation(app, { aadObjectId: user });
    await chat.submit({ bilan: 'synthesisEdit', 'text:skill.former-des-collaborateurs': 'Former et accompagner des adultes', 'remove:skill.conduire-un-chariot': 'true' });
    expect(chat.keys()).to.deep.equal(['common:synthesisEdit.saved']);
    await chat.say('bonjour');
    const results = chat.replies.map((a) => JSON.stringify(a)).find((a) => a.includes('common:results.title'));
    expect(results, 'the conclusion opens with the results').to.be.a('string');
    expect(results).to.contain('Former et accompagner des adultes').and.not.to.contain('Conduire un chariot').and.not.to.contain('Former des collaborateurs');
  });

  it('an English document names ROME skills and occupations in English where the taxonomy can, in French otherwise', async () => {
    await seedConcludedBilan(app.app.storage, app.app, 'aad-english', { trigger: 'I want to pass on what I know', skills: [], project: 'Become a trainer', locale: 'en' });
    const repository = new StoreBilanRepository(app.app.storage);
    const loaded = await repository.load(personIdOf(app.app, 'aad-english'));
    if (!loaded) throw new Error('not seeded');
    const at = loaded.record.createdAt;
    const rome = (id: string, label: string, kind: 'savoir' | 'savoir-faire' | 'savoir-être') => ({ id, label, kind, source: 'extracted' as const, evidence: [], question: 'i11_story1_actions', confirmedAt: at });
    const skills = [rome('300478', 'Faire preuve de contrôle de soi', 'savoir-être'), rome('300260', 'Gérer les stocks', 'savoir-faire'), rome('118299', 'Concevoir des systèmes électriques', 'savoir-faire'), rome('100016', 'Gestes et postures de manutention', 'savoir')];
    const explorations = [{ code: 'N1110', label: 'Magasinier / Magasinière', matchedSkills: [{ id: '300260', label: 'Gérer les stocks' }], gaps: [], keptAt: at }];
    await repository.save({ ...loaded.record, skills, explorations }, loaded.eTag);
    const chat = new Conversation(app, { aadObjectId: 'aad-english' });
    await chat.say('my synthesis');
    const markdown = await (await fetch(local(String(openUrls(chat.latestCard)['common:synthesis.md'])))).text();
    expect(markdown).to.contain('Self-control, composure under pressure').and.to.contain('Manage stock').and.to.contain('Design electrical systems').and.to.contain('Warehouse worker');
    expect(markdown, 'no English label in the data: the French one').to.contain('Gestes et postures de manutention');
    expect(markdown).not.to.contain('Gérer les stocks').and.not.to.contain('Concevoir des systèmes').and.not.to.contain('Magasinier');
  });

  it('answers 404 to a tampered, forged or malformed link, without saying whose it was', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-tamper' });
    await engage(chat);
    await chat.say('synthèse');
    const url = local(String(openUrls(chat.latestCard)['common:synthesis.md']));
    const token = url.slice(url.lastIndexOf('/') + 1, -'.md'.length);
    const flipped = token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA');
    for (const path of [`/synthesis/${flipped}.md`, `/synthesis/${'x'.repeat(40)}.pdf`, '/synthesis/short.md', `/synthesis/${token}.exe`, '/synthesis/..%2f..%2fetc%2fpasswd']) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.status, path).to.equal(404);
      expect(await response.text()).to.not.contain(entraId('aad-tamper'));
    }
  });

  it('stops serving a link after 15 minutes', async () => {
    const clock = new FixedClock(new Date());
    const clocked = await startTestApp({ clock });
    try {
      const chat = new Conversation(clocked, { aadObjectId: 'aad-expiry' });
      await engage(chat);
      await chat.say('ma synthèse');
      const url = String(openUrls(chat.latestCard)['common:synthesis.md']);
      expect((await fetch(url.replace(/^http:\/\/localhost:\d+/, clocked.url))).status).to.equal(200);
      clock.advance(16 * 60 * 1000);
      expect((await fetch(url.replace(/^http:\/\/localhost:\d+/, clocked.url))).status).to.equal(404);
    } finally {
      await clocked.close();
    }
  });

  it('user adds a comment with « commentaire : … »; it is in the document; an answer starting with "Comment" stays an answer', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-comment' });
    await engage(chat);
    await chat.say('Comment dire : je veux changer de métier.');
    expect((await storedRecord(app, 'aad-comment'))?.answers['p01_trigger']?.value).to.equal('Comment dire : je veux changer de métier.');
    await chat.say('commentaire');
    expect(chat.keys()).to.deep.equal(['common:synthesis.commentHow']);
    await chat.say('Commentaire : le projet de formatrice me tient à cœur.');
    expect(chat.keys()).to.deep.equal(['common:synthesis.commentSaved']);
    expect((await storedRecord(app, 'aad-comment'))?.comments?.map((c) => c.text)).to.deep.equal(['le projet de formatrice me tient à cœur.']);
    await chat.say('ma synthèse');
    const markdown = await (await fetch(local(String(openUrls(chat.latestCard)['common:synthesis.md'])))).text();
    expect(markdown).to.contain('me tient à cœur');
  });

  it('a comment that discloses health or union membership is held back, stored only if the user adds it anyway', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-comment-personal' });
    await engage(chat);
    await chat.say('commentaire : depuis mon diabète je cherche un poste moins physique');
    expect(chat.keys()).to.deep.equal(['common:synthesis.commentCheck.title', 'common:synthesis.commentCheck.notRequired']);
    expect(await storedAnywhere(app, 'diabète'), 'nothing is stored before the choice').to.equal(false);
    await chat.click('common:synthesis.commentCheck.add');
    expect(chat.keys()).to.deep.equal(['common:synthesis.commentSaved']);
    expect((await storedRecord(app, 'aad-comment-personal'))?.comments?.map((c) => c.text)).to.deep.equal(['depuis mon diabète je cherche un poste moins physique']);

    await chat.say('Commentaire : je suis syndiqué et je veux le rester');
    await chat.click('common:synthesis.commentCheck.drop');
    expect(chat.keys()).to.deep.equal(['common:synthesis.commentCheck.dropped']);
    expect(await storedAnywhere(app, 'syndiqué'), 'a dropped comment leaves nothing').to.equal(false);
    expect((await storedRecord(app, 'aad-comment-personal'))?.comments).to.have.length(1);
  });

  it('a comment that shows distress gets the support message first, and nothing is stored unless added', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-comment-distress' });
    await engage(chat);
    await chat.say("commentaire : je n'en peux plus de ce poste");
    expect(chat.keys()).to.deep.equal(['common:wellbeing.support', 'common:synthesis.commentCheck.distressTitle', 'common:synthesis.commentCheck.notRequired']);
    expect(await storedAnywhere(app, 'ce poste'), 'nothing is stored before the choice').to.equal(false);
    expect((await storedRecord(app, 'aad-comment-distress'))?.comments).to.equal(undefined);
  });

  it('a forged "add" button cannot slip in an oversized comment', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-comment-forged' });
    await engage(chat);
    await chat.submit({ bilan: 'command', command: 'commentConfirm', comment: 'x'.repeat(2001) });
    expect(chat.keys()[0], 'treated as a stale card; the question is asked again').to.equal('common:answer.staleCard');
    expect((await storedRecord(app, 'aad-comment-forged'))?.comments).to.equal(undefined);
  });
});
