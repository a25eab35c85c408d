import { pages } from '@microsoft/teams-js';
import { h, show } from './dom.js';
import type { T } from './i18n.js';

/** The configurable (team) tab's settings page: one fixed choice, the counsellor view. */
export function renderConfig(t: T, inTeams: boolean): void {
  show(h('h1', { tabindex: '-1' }, t('config.title')), h('p', {}, inTeams ? t('config.text') : t('outsideTeams.text')));
  if (!inTeams) return;
  pages.config.registerOnSaveHandler((save) => {
    const base = `${location.origin}/tab/index.html`;
    pages.config
      .setConfig({ entityId: 'counsellor', contentUrl: `${base}?view=counsellor`, websiteUrl: `${base}?view=counsellor`, suggestedDisplayName: t('config.title') })
      .then(() => save.notifySuccess())
      .catch((error: unknown) => save.notifyFailure(error instanceof Error ? error.message : 'setConfig failed'));
  });
  pages.config.setValidityState(true);
}
