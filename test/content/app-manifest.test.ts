import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../../src/project-root.js';
import { COMMAND_NAMES } from '../../src/bot/commands.js';
import { LOCALES } from '../../src/core/locale.js';
import { msg } from '../../src/core/messages.js';
import { foldForMatching, KeywordSet } from '../../src/core/text/normalize.js';
import { Translations } from '../../src/infra/i18n/create-i18n.js';
import { readLocaleResources } from '../../src/infra/i18n/locale-resources.js';

const read = (file: string) => JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'appPackage', file), 'utf8')) as Record<string, unknown>;
const translations = new Translations(readLocaleResources(resolve(PROJECT_ROOT, 'locales')));

type CommandList = { scopes: string[]; commands: { title: string; description: string }[] };

describe('Teams command menu (appPackage/)', () => {
  const manifest = read('manifest.json') as { bots: { commandLists: CommandList[] }[] };
  const english = read('en-us.json');
  const lists = manifest.bots[0]!.commandLists;
  // Only the personal-scope list holds commands of the 1:1 chat (COMMAND_NAMES). The team-scope list holds the
  // counsellor-channel command, checked in app-package.test.ts.
  const personal = lists.findIndex((list) => list.scopes.includes('personal'));
  const frenchTitles = lists[personal]!.commands.map((c) => c.title);
  const englishTitles = frenchTitles.map((_, i) => String(english[`bots[0].commandLists[${personal}].commands[${i}].title`]));
  const keywordsOf = (name: string) => new KeywordSet(translations.keywords(`common:commands.${name}.keywords`));
  /** The commands the bot runs when the user sends `title` (the menu sends the title as a message). */
  const commandsNamed = (title: string) => COMMAND_NAMES.filter((name) => keywordsOf(name).matches(title));
  const menu = frenchTitles.map((title) => commandsNamed(title).join('|'));

  it('should hold at most ten commands (Teams\' limit), each in French and in English', () => {
    expect(frenchTitles.length).to.be.within(1, 10);
    expect(englishTitles.every((t) => t !== 'undefined')).to.equal(true);
  });

  it('should use menu titles the bot understands as one command, the same in both languages', () => {
    frenchTitles.forEach((title, i) => {
      expect(commandsNamed(title), title).to.have.length(1);
      expect(commandsNamed(englishTitles[i]!), englishTitles[i]).to.deep.equal(commandsNamed(title));
    });
    expect(new Set(menu).size, 'no command twice').to.equal(menu.length);
  });

  it('should offer help, progress, the synthesis, sharing it and withdrawing it, and the data rights', () => {
    expect(menu).to.include.members(['help', 'status', 'synthesis', 'comment', 'share', 'unshare', 'myData', 'deleteMyData']);
  });

  for (const locale of LOCALES) {
    it(`should list every command in « aide » (${locale})`, () => {
      const t = translations.translator(locale);
      const help = foldForMatching(t(msg('common:commands.help.reply')));
      const missing = COMMAND_NAMES.filter((name) => !t(msg(`common:commands.${name}.keywords`)).split('|').some((word) => help.includes(foldForMatching(word))));
      expect(missing).to.deep.equal([]);
    });
  }

  it('should respect Teams limits on command titles (32) and descriptions (128)', () => {
    for (const command of manifest.bots[0]!.commandLists[0]!.commands) {
      expect(command.title.length).to.be.at.most(32);
      expect(command.description.length).to.be.at.most(128);
    }
  });

  it('should respect those limits in every command list, in French and in English', () => {
    lists.forEach((list, l) =>
      list.commands.forEach((command, c) => {
        const title = String(english[`bots[0].commandLists[${l}].commands[${c}].title`]);
        const description = String(english[`bots[0].commandLists[${l}].commands[${c}].description`]);
        for (const text of [command.title, title]) expect(text.length, text).to.be.within(1, 32);
        for (const text of [command.description, description]) expect(text.length, text).to.be.within(1, 128);
      }),
    );
  });
});

describe('Teams tabs in the app package (appPackage/)', () => {
  type Tab = { entityId?: string; id?: string; contentUrl?: string; configurationUrl?: string; scopes: string[]; context?: string[] };
  const manifest = read('manifest.json') as { staticTabs: Tab[]; configurableTabs: Tab[]; validDomains: string[]; webApplicationInfo: { id: string; resource: string } };
  const english = read('en-us.json');
  const french = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'locales/fr/tab.json'), 'utf8')) as { personal: { title: string } };
  const englishTab = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'locales/en/tab.json'), 'utf8')) as { personal: { title: string } };
  const myBilan = manifest.staticTabs.find((t) => t.entityId === 'my-bilan')!;
  const counsellor = manifest.configurableTabs.find((t) => t.id === 'counsellor')!;

  it('should declare the personal "Mon bilan / My bilan" tab on the page the server serves, named as the page titles it', () => {
    expect(myBilan.scopes).to.deep.equal(['personal']);
    expect(myBilan.contentUrl).to.equal('https://${{BOT_DOMAIN}}/tab/index.html?view=personal');
    expect((myBilan as { name?: string }).name).to.equal(french.personal.title);
    expect(english[`staticTabs[${manifest.staticTabs.indexOf(myBilan)}].name`]).to.equal(englishTab.personal.title);
  });

  it('should declare the counsellor tab as a configurable team tab whose settings page the server serves', () => {
    expect(counsellor.scopes).to.deep.equal(['team']);
    expect(counsellor.configurationUrl).to.equal('https://${{BOT_DOMAIN}}/tab/config.html');
  });

  it('should list the tabs\' domain in validDomains, and ask Teams SSO for the audience the API accepts', () => {
    expect(manifest.validDomains).to.include('${{BOT_DOMAIN}}');
    expect(manifest.webApplicationInfo).to.deep.equal({ id: '${{AAD_APP_CLIENT_ID}}', resource: 'api://${{BOT_DOMAIN}}/${{AAD_APP_CLIENT_ID}}' });
  });
});
