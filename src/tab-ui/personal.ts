import { announce, h, show } from './dom.js';
import { formatDate } from './i18n.js';
import { errorMessage, type Session } from './session.js';
import { synthesisEditForm, type EditableItem } from './synthesis-edit.js';

interface MyBilan {
  readonly started: boolean;
  readonly refused: boolean;
  readonly phases: readonly { phase: string; label: string; state: 'notStarted' | 'active' | 'completed'; percent: number }[];
  readonly skills: readonly { kind: string; label: string; items: readonly string[] }[];
  readonly sharing: { summary: { shared: false } | { shared: true; grantedAt: string; acknowledgedAt?: string } };
  readonly synthesis: { pdf: string; md: string } | null;
  /** A personal link to everything stored about the user; null when nothing is. */
  readonly exportLink: string | null;
  /** What the person may reword or remove in their synthesis. */
  readonly editable: readonly EditableItem[];
}

/** The "My bilan" personal tab: progress, confirmed skills, synthesis downloads, the sharing switch, export and delete. */
export async function renderPersonal(session: Session): Promise<void> {
  const { t } = session;
  if (session.role !== 'employee') {
    show(h('h1', { tabindex: '-1' }, t('personal.title')), h('p', {}, t('errors.forbidden')));
    return;
  }
  const bilan = await session.api.json<MyBilan>('GET', `/users/${encodeURIComponent(session.oid)}/bilan`);
  const header = [h('h1', { tabindex: '-1' }, t('personal.title')), h('p', {}, t('personal.intro'))];
  if (!bilan.started) {
    show(...header, h('p', { class: 'notice' }, t(bilan.refused ? 'personal.refused' : 'personal.notStarted')), dataSection(session, bilan));
    return;
  }
  show(...header, progressSection(session, bilan), skillsSection(session, bilan), synthesisSection(session, bilan), sharingSection(session, bilan), dataSection(session, bilan));
}

function section(id: string, title: string, ...children: (Node | false)[]): HTMLElement {
  return h('section', { 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

function progressSection({ t }: Session, bilan: MyBilan): HTMLElement {
  const items = bilan.phases.map((p) =>
    h(
      'li',
      { class: `phase phase-${p.state}` },
      h('span', { id: `phase-${p.phase}`, class: 'phase-name' }, p.label),
      h('progress', { max: '100', value: String(p.percent), 'aria-labelledby': `phase-${p.phase}`, 'aria-describedby': `phase-${p.phase}-state` }),
      h('span', { id: `phase-${p.phase}-state`, class: 'phase-state' }, t(`personal.phaseState.${p.state}`, { percent: p.percent })),
    ),
  );
  return section('progress-title', t('personal.progress'), h('ol', { class: 'phases' }, ...items));
}

function skillsSection({ t }: Session, bilan: MyBilan): HTMLElement {
  if (bilan.skills.length === 0) return section('skills-title', t('personal.skills'), h('p', {}, t('personal.noSkills')));
  const groups = bilan.skills.map((g) => h('div', { class: 'skill-group' }, h('h3', {}, g.label), h('ul', {}, ...g.items.map((item) => h('li', {}, item)))));
  return section('skills-title', t('personal.skills'), ...groups);
}

function synthesisSection(session: Session, bilan: MyBilan): HTMLElement {
  const { t } = session;
  const links = bilan.synthesis;
  return section(
    'synthesis-title',
    t('personal.synthesis'),
    h('p', {}, t('personal.synthesisText')),
    Boolean(links) &&
      h(
        'ul',
        { class: 'downloads' },
        h('li', {}, h('a', { href: links?.pdf ?? '', target: '_blank', rel: 'noopener', download: true }, t('personal.downloadPdf'))),
        h('li', {}, h('a', { href: links?.md ?? '', target: '_blank', rel: 'noopener', download: true }, t('personal.downloadMd'))),
      ),
    h('h3', {}, t('personal.edit.title')),
    synthesisEditForm(session, bilan.editable, () => renderPersonal(session)),
  );
}

function sharingSection(session: Session, bilan: MyBilan): HTMLElement {
  const { t, locale } = session;
  const summary = bilan.sharing.summary;
  const toggle = h('input', { type: 'checkbox', role: 'switch', id: 'share-summary', 'aria-describedby': 'share-what share-state', checked: summary.shared });
  const state = summary.shared
    ? [t('personal.sharedSince', { date: formatDate(summary.grantedAt, locale) }), summary.acknowledgedAt ? t('personal.acknowledged', { date: formatDate(summary.acknowledgedAt, locale) }) : t('personal.notAcknowledged')].join(' ')
    : '';
  toggle.addEventListener('change', () => {
    toggle.disabled = true;
    session.api
      .json<{ outcome: string }>('PUT', `/users/${encodeURIComponent(session.oid)}/sharing/summary`, { shared: toggle.checked })
      .then(async ({ outcome }) => {
        await renderPersonal(session);
        announce(t(`personal.outcome.${outcome}`));
        document.getElementById('share-summary')?.focus();
      })
      .catch((error: unknown) => {
        toggle.checked = !toggle.checked;
        toggle.disabled = false;
        announce(errorMessage(error, t));
      });
  });
  return section(
    'sharing-title',
    t('personal.sharing'),
    h('p', { id: 'share-what' }, t('personal.sharingWhat')),
    h('div', { class: 'switch' }, toggle, h('label', { for: 'share-summary' }, t('personal.sharingSwitch'))),
    h('p', { id: 'share-state', class: 'share-state' }, state),
  );
}

function dataSection(session: Session, bilan: MyBilan): HTMLElement {
  const { t } = session;
  if (!bilan.exportLink) return section('data-title', t('personal.data'), h('p', {}, t('personal.nothingStored')));
  const confirmBox = h('div', { id: 'erase-box', class: 'confirm', hidden: true, role: 'group', 'aria-labelledby': 'erase-confirm' });
  const eraseButton = h('button', { type: 'button', class: 'danger', 'aria-expanded': 'false', 'aria-controls': 'erase-box' }, t('personal.erase'));
  const yes = h('button', { type: 'button', class: 'danger' }, t('personal.eraseYes'));
  confirmBox.append(h('p', { id: 'erase-confirm' }, t('personal.eraseConfirm')), yes);
  eraseButton.addEventListener('click', () => {
    confirmBox.hidden = !confirmBox.hidden;
    eraseButton.setAttribute('aria-expanded', String(!confirmBox.hidden));
    if (!confirmBox.hidden) yes.focus();
  });
  yes.addEventListener('click', () => {
    yes.disabled = true;
    session.api
      .call('DELETE', `/users/${encodeURIComponent(session.oid)}/bilan`)
      .then(async () => {
        await renderPersonal(session);
        announce(t('personal.erased'));
      })
      .catch((error: unknown) => {
        yes.disabled = false;
        announce(errorMessage(error, t));
      });
  });
  return section(
    'data-title',
    t('personal.data'),
    h('p', {}, t('personal.exportText')),
    h('div', { class: 'actions' }, h('a', { href: bilan.exportLink, target: '_blank', rel: 'noopener', download: true, class: 'button' }, t('personal.export')), eraseButton),
    confirmBox,
  );
}
