/**
 * The Teams tabs in headless Chromium, opened directly in dev mode (TAB_DEV_MODE=true, ?devUser=<oid>), against the
 * real server and the real bundle: the employee's "Mon bilan" tab and the counsellor tab, in French and English,
 * in the three Teams themes, with axe-core checks and keyboard use; screenshots go to test-artifacts/e2e/tabs/.
 */
import { personIdOf } from '../support/http.js';
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import frCommon from '../../locales/fr/common.json' with { type: 'json' };
import en from '../../locales/en/tab.json' with { type: 'json' };
import fr from '../../locales/fr/tab.json' with { type: 'json' };
import { StoreBilanRepository } from '../../src/core/bilan/bilan-repository.js';
import { entraId } from '../support/activities.js';
import { Conversation } from '../support/conversation.js';
import { registerCounsellorChannel } from '../support/counsellor-channel.js';
import { FakeConnector } from '../support/fake-connector.js';
import { engage } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { axeViolations, buildTabBundle, launchBrowser, newTabContext, screenshot } from './support/tab-browser.js';

/** Teams users (Entra object ids), as the chat and the tab both see them. */
const ALICE = entraId('alice');
const CAROL = entraId('carol');
const ADMIN = entraId('admin');

/** A label of the French synthesis template (locales/fr/synthesis.md header). */
const frSynthesis = (key: string) =>
  readFileSync(new URL('../../locales/fr/synthesis.md', import.meta.url), 'utf8').split('\n').find((l) => l.startsWith(`${key}:`))!.slice(key.length + 1).trim();
/** The fixed start of a message with {{placeholders}}, to find it whatever the date. */
const lead = (text: string) => text.split('{{')[0]!.trim();
const WAIT = { timeout: 20_000 };

describe('Teams tabs in headless Chromium (dev mode)', function () {
  this.timeout(180_000);
  let connector: FakeConnector;
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;

  before(async () => {
    buildTabBundle();
    connector = await FakeConnector.start();
    app = await startTestApp({ cimode: false, env: { TAB_DEV_MODE: 'true', COUNSELLORS: CAROL, COUNSELLOR_ADMINS: ADMIN } });
    await registerCounsellorChannel(app, connector, ADMIN);
    await engage(new Conversation(app, { aadObjectId: ALICE, serviceUrl: connector.url }));
    const repository = new StoreBilanRepository(app.app.storage);
    const loaded = (await repository.load(personIdOf(app.app, ALICE)))!;
    const at = loaded.record.createdAt;
    await repository.save(
      {
        ...loaded.record,
        skills: [
          { label: 'Gestion de projet', kind: 'savoir-faire', source: 'user', evidence: [], question: 'i10_achievement', confirmedAt: at },
          { label: 'Écoute', kind: 'savoir-être', source: 'user', evidence: [], question: 'i10_achievement', confirmedAt: at },
        ],
        interests: { holland: 'SEA', scores: { S: 5, E: 4, A: 3 }, computedAt: at },
      },
      loaded.eTag,
    );
    browser = await launchBrowser();
    context = await newTabContext(browser);
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    await connector?.close();
  });

  const open = async (query: string): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(`${app.url}/tab/index.html?${query}`);
    return page;
  };

  it('"Mon bilan" shows progress by phase, confirmed skills and the synthesis links, in French, with no axe violation', async () => {
    const page = await open(`view=personal&devUser=${ALICE}`);
    await page.getByRole('heading', { level: 1, name: fr.personal.title }).waitFor(WAIT);
    expect(await page.getByText(lead(fr.devMode)).count(), 'dev mode says so').to.equal(1);
    expect(await page.getByRole('progressbar', { name: frCommon.phases.preliminaire }).count()).to.equal(1);
    expect(await page.getByRole('listitem').filter({ hasText: 'Gestion de projet' }).count()).to.equal(1);
    expect(await page.getByRole('heading', { level: 3, name: frSynthesis('labels.skills.savoir-faire') }).count(), 'skill kinds named from synthesis.md').to.equal(1);
    expect(await page.getByRole('link', { name: fr.personal.downloadPdf }).getAttribute('href')).to.match(/\/synthesis\/[\w-]+\.pdf$/);
    expect(await page.locator('html').getAttribute('lang')).to.equal('fr');
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, 'personal-fr-light');
    await page.close();
  });

  it('the sharing switch works from the keyboard and goes through the chat\'s ledger (one channel card)', async () => {
    const page = await open(`view=personal&devUser=${ALICE}`);
    const toggle = page.getByRole('switch', { name: fr.personal.sharingSwitch });
    await toggle.waitFor(WAIT);
    expect(await toggle.isChecked()).to.equal(false);
    await toggle.focus();
    await page.keyboard.press('Space');
    await page.getByRole('status').filter({ hasText: fr.personal.outcome.shared }).waitFor(WAIT);
    expect(await page.getByRole('switch', { name: fr.personal.sharingSwitch }).isChecked()).to.equal(true);
    expect(connector.callsTo('POST', '/v3/conversations')).to.have.length(1);
    expect(await page.getByText(fr.personal.notAcknowledged).count()).to.equal(1);
    await screenshot(page, 'personal-fr-shared');
    await page.close();
  });

  it('the counsellor tab lists the shared bilan, opens its detail by keyboard, and records the acknowledgement (English)', async () => {
    const page = await open(`view=counsellor&devUser=${CAROL}&lang=en`);
    await page.getByRole('heading', { level: 1, name: en.counsellor.title }).waitFor(WAIT);
    const item = page.getByRole('button', { name: new RegExp(`^${lead(en.counsellor.item)}`) });
    expect(await item.count()).to.equal(1);
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, 'counsellor-en-list');
    await item.focus();
    await page.keyboard.press('Enter');
    // The shared sections, numbered as in the person's document: skills (4), project (7), action plan (8), nothing else.
    await page.getByRole('heading', { level: 2, name: /^4\. / }).waitFor(WAIT);
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).to.have.length(3);
    for (const n of [7, 8]) expect(await page.getByRole('heading', { level: 2, name: new RegExp(`^${n}\\. `) }).count(), String(n)).to.equal(1);
    expect(await page.getByRole('definition').filter({ hasText: 'Gestion de projet' }).count()).to.equal(1);
    expect(await page.getByText('SEA').count(), 'interests are not part of the shared summary').to.equal(0);
    expect(await page.getByText(/labels\./).count(), 'no untranslated key on the page').to.equal(0);
    const acknowledge = page.getByRole('button', { name: en.counsellor.acknowledge });
    await acknowledge.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: lead(en.counsellor.acknowledged) }).waitFor(WAIT);
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, 'counsellor-en-detail-acknowledged');
    await page.close();
  });

  it('the employee then sees the acknowledgement in "Mon bilan"', async () => {
    const page = await open(`view=personal&devUser=${ALICE}`);
    await page.getByText(lead(fr.personal.acknowledged)).waitFor(WAIT);
    await page.close();
  });

  it('an employee opening the counsellor tab sees that it is for counsellors, and nothing else', async () => {
    const page = await open(`view=counsellor&devUser=${ALICE}`);
    await page.getByText(fr.counsellor.notCounsellor).waitFor(WAIT);
    expect(await page.getByRole('button').count()).to.equal(0);
    await page.close();
  });

  for (const theme of ['dark', 'contrast'] as const) {
    it(`renders the Teams ${theme} theme with sufficient contrast (axe), both tabs`, async () => {
      const personal = await open(`view=personal&devUser=${ALICE}&theme=${theme}`);
      await personal.getByRole('heading', { level: 1, name: fr.personal.title }).waitFor(WAIT);
      expect(await personal.locator('html').getAttribute('data-theme')).to.equal(theme);
      expect(await axeViolations(personal)).to.deep.equal([]);
      await screenshot(personal, `personal-fr-${theme}`);
      await personal.close();
      const counsellor = await open(`view=counsellor&devUser=${CAROL}&theme=${theme}`);
      await counsellor.getByRole('heading', { level: 1, name: fr.counsellor.title }).waitFor(WAIT);
      expect(await axeViolations(counsellor)).to.deep.equal([]);
      await screenshot(counsellor, `counsellor-fr-${theme}`);
      await counsellor.close();
    });
  }

  it('"Modifier ma synthèse" in "Mon bilan": a skill reworded and another removed, saved from the keyboard; the document shows that version', async () => {
    const page = await open(`view=personal&devUser=${ALICE}`);
    await page.getByRole('heading', { level: 3, name: fr.personal.edit.title }).waitFor(WAIT);
    const texts = page.getByRole('textbox', { name: fr.personal.edit.kind.skill });
    expect(await texts.count()).to.equal(2);
    await texts.first().fill('Conduite de projets');
    await page.getByRole('checkbox', { name: fr.personal.edit.remove }).nth(1).check();
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, 'personal-fr-edit');
    await page.getByRole('button', { name: fr.personal.edit.save }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: lead(fr.personal.edit.saved) }).waitFor(WAIT);
    expect(await page.getByRole('textbox', { name: fr.personal.edit.kind.skill }).count()).to.equal(1);
    const md = await page.getByRole('link', { name: fr.personal.downloadMd }).getAttribute('href');
    const text = await (await fetch(new URL(new URL(md ?? '').pathname, app.url))).text();
    expect(text).to.contain('Conduite de projets').and.not.to.contain('Gestion de projet').and.not.to.contain('Écoute');
    await page.close();
  });

  it('erasing from "Mon bilan" asks first, works from the keyboard, and leaves nothing to show', async () => {
    const page = await open(`view=personal&devUser=${ALICE}`);
    expect(await page.getByRole('link', { name: fr.personal.export }).getAttribute('href')).to.match(/\/export\/[\w-]+\.json$/);
    const erase = page.getByRole('button', { name: fr.personal.erase, exact: true });
    await erase.focus();
    await page.keyboard.press('Enter');
    expect(await erase.getAttribute('aria-expanded')).to.equal('true');
    await page.getByRole('button', { name: fr.personal.eraseYes }).waitFor(WAIT);
    expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal(fr.personal.eraseYes);
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, 'personal-fr-erase-confirm');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: fr.personal.erased }).waitFor(WAIT);
    expect(await page.getByText(fr.personal.notStarted).count()).to.equal(1);
    expect(await page.getByText(fr.personal.nothingStored).count()).to.equal(1);
    await page.close();
  });
});

describe('Teams tabs opened outside Teams without dev mode', function () {
  this.timeout(120_000);
  let app: TestApp;
  let browser: Browser;

  before(async () => {
    buildTabBundle();
    app = await startTestApp({ cimode: false });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const [lang, strings] of [['fr-FR', fr], ['en-GB', en]] as const) {
    it(`says clearly that the page must be opened in Teams (${lang}), and calls no bilan`, async () => {
      const context = await newTabContext(browser, lang);
      const page = await context.newPage();
      const apiCalls: string[] = [];
      page.on('request', (r) => { if (r.url().includes('/api/tab/') && !r.url().endsWith('/api/tab/mode')) apiCalls.push(r.url()); });
      await page.goto(`${app.url}/tab/index.html?view=personal`);
      await page.getByRole('heading', { level: 1, name: strings.outsideTeams.title }).waitFor(WAIT);
      expect(await page.getByRole('alert').innerText()).to.equal(strings.outsideTeams.text);
      expect(apiCalls).to.deep.equal([]);
      expect(await axeViolations(page)).to.deep.equal([]);
      await screenshot(page, `outside-teams-${lang}`);
      await context.close();
    });
  }
});
