import { TabApi, authMode } from './api.js';
import { renderConfig } from './config-page.js';
import { renderCounsellor } from './counsellor.js';
import { h, show } from './dom.js';
import { connectToHost, toTheme, type Host, type Theme } from './host.js';
import { translator, uiLocale } from './i18n.js';
import { renderPersonal } from './personal.js';
import { errorMessage, type Session } from './session.js';

const params = new URLSearchParams(location.search);

function applyTheme(theme: Theme): void {
  document.documentElement.dataset['theme'] = theme;
}

/** Who calls the API: Teams SSO in Teams, the dev identity in dev mode (in or out of Teams), nobody otherwise. */
function credentials(host: Host, mode: 'sso' | 'dev' | 'off'): (() => Promise<string>) | undefined {
  if (mode === 'dev') {
    const user = params.get('devUser') ?? host.userId;
    return user ? () => Promise.resolve(`Dev ${user}`) : undefined;
  }
  if (mode === 'sso' && host.inTeams) return async () => `Bearer ${await host.token()}`;
  return undefined;
}

async function start(): Promise<void> {
  const host = await connectToHost();
  const locale = uiLocale(params.get('lang') ?? host.locale ?? navigator.language);
  const t = translator(locale);
  document.documentElement.lang = locale;
  document.title = t('appName');
  applyTheme(host.inTeams ? host.theme : toTheme(params.get('theme')));
  host.onThemeChange(applyTheme);
  const view = location.pathname.endsWith('/config.html') ? 'config' : params.get('view') === 'counsellor' ? 'counsellor' : 'personal';
  if (view === 'config') {
    renderConfig(t, host.inTeams);
    return;
  }
  const mode = await authMode();
  const authorization = credentials(host, mode);
  if (!authorization) {
    const inTeamsUnconfigured = host.inTeams && mode === 'off';
    show(h('h1', { tabindex: '-1' }, inTeamsUnconfigured ? t('appName') : t('outsideTeams.title')), h('p', { role: 'alert' }, inTeamsUnconfigured ? t('notConfigured') : t('outsideTeams.text')));
    return;
  }
  const api = new TabApi(authorization, locale);
  try {
    const me = await api.json<{ oid: string; role: 'employee' | 'counsellor' }>('GET', '/session');
    const session: Session = { api, t, locale, oid: me.oid, role: me.role };
    if (mode === 'dev') document.getElementById('banner')?.replaceChildren(h('p', { class: 'dev-banner' }, t('devMode', { user: me.oid })));
    await (view === 'counsellor' ? renderCounsellor(session) : renderPersonal(session));
  } catch (error: unknown) {
    show(h('h1', { tabindex: '-1' }, t('appName')), h('p', { role: 'alert' }, errorMessage(error, t)));
  }
}

void start();
