import { ApiError } from './api.js';
import { announce, h, show } from './dom.js';
import { formatDate } from './i18n.js';
import { errorMessage, type Session } from './session.js';

interface SharedSummary {
  readonly shareId: string;
  readonly sharedAt: string;
  readonly acknowledgedAt: string | null;
}

interface SharedDetail extends SharedSummary {
  /** The shared sections, numbered as in the person's document. */
  readonly sections: readonly { id: string; heading: string; lines: readonly { label: string; value: string }[] }[];
}

const reference = (shareId: string) => shareId.slice(0, 8);

/** The counsellor tab: the bilans shared with the counsellor, a detail view, and an acknowledgement. */
export async function renderCounsellor(session: Session): Promise<void> {
  const { t, locale } = session;
  const header = [h('h1', { tabindex: '-1' }, t('counsellor.title')), h('p', {}, t('counsellor.intro'))];
  if (session.role !== 'counsellor') {
    show(...header, h('p', { class: 'notice' }, t('counsellor.notCounsellor')));
    return;
  }
  const { bilans } = await session.api.json<{ bilans: SharedSummary[] }>('GET', '/counsellor/bilans');
  if (bilans.length === 0) {
    show(...header, h('p', { class: 'notice' }, t('counsellor.none')));
    return;
  }
  const items = bilans.map((b) => {
    const open = h('button', { type: 'button', class: 'link' }, t('counsellor.item', { date: formatDate(b.sharedAt, locale) }));
    open.addEventListener('click', () => void openDetail(session, b.shareId));
    const state = b.acknowledgedAt ? t('counsellor.acknowledgedOn', { date: formatDate(b.acknowledgedAt, locale) }) : t('counsellor.toRead');
    return h('li', { class: 'shared-item' }, open, h('span', { class: 'meta' }, ` · ${t('counsellor.reference', { ref: reference(b.shareId) })} · ${state}`));
  });
  show(...header, h('ul', { class: 'shared-list' }, ...items));
}

async function openDetail(session: Session, shareId: string): Promise<void> {
  const { t, locale } = session;
  const back = h('button', { type: 'button' }, t('counsellor.back'));
  back.addEventListener('click', () => void renderCounsellor(session).catch((error: unknown) => announce(errorMessage(error, t))));
  let detail: SharedDetail;
  try {
    detail = await session.api.json<SharedDetail>('GET', `/counsellor/bilans/${encodeURIComponent(shareId)}`);
  } catch (error: unknown) {
    show(h('h1', { tabindex: '-1' }, t('counsellor.title')), h('p', { role: 'alert' }, error instanceof ApiError && error.status === 403 ? t('counsellor.noLongerShared') : errorMessage(error, t)), back);
    return;
  }
  const sections = detail.sections.map((g) =>
    h(
      'section',
      { 'aria-labelledby': `group-${g.id}` },
      h('h2', { id: `group-${g.id}` }, g.heading),
      g.lines.length === 0 ? h('p', { class: 'subtle' }, t('counsellor.empty')) : h('dl', {}, ...g.lines.flatMap((l) => [h('dt', {}, l.label), h('dd', {}, l.value)])),
    ),
  );
  show(
    back,
    h('h1', { tabindex: '-1' }, t('counsellor.detailTitle', { date: formatDate(detail.sharedAt, locale), ref: reference(detail.shareId) })),
    h('p', { class: 'notice' }, t('counsellor.notice')),
    acknowledgement(session, detail),
    ...sections,
  );
}

function acknowledgement(session: Session, detail: SharedDetail): HTMLElement {
  const { t, locale } = session;
  const box = h('div', { class: 'acknowledgement' });
  if (detail.acknowledgedAt) {
    box.append(h('p', {}, t('counsellor.acknowledged', { date: formatDate(detail.acknowledgedAt, locale) })));
    return box;
  }
  const button = h('button', { type: 'button', class: 'primary' }, t('counsellor.acknowledge'));
  button.addEventListener('click', () => {
    button.disabled = true;
    session.api
      .json<{ acknowledgedAt: string }>('POST', `/counsellor/bilans/${encodeURIComponent(detail.shareId)}/acknowledgement`)
      .then(({ acknowledgedAt }) => {
        const text = t('counsellor.acknowledged', { date: formatDate(acknowledgedAt, locale) });
        box.replaceChildren(h('p', { tabindex: '-1' }, text));
        announce(text);
      })
      .catch((error: unknown) => {
        button.disabled = false;
        announce(error instanceof ApiError && error.status === 403 ? t('counsellor.noLongerShared') : errorMessage(error, t));
      });
  });
  box.append(button);
  return box;
}
