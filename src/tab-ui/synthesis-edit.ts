import { announce, h } from './dom.js';
import { errorMessage, type Session } from './session.js';

/** A line of the draft synthesis the person may reword or remove (as « modifier ma synthèse » in the chat). */
export interface EditableItem {
  readonly id: string;
  readonly text: string;
  readonly kind: 'skill' | 'story' | 'step';
}

/**
 * « Modifier ma synthèse » in the tab: each skill, achievement and plan step in a text box, with a box to remove it.
 * Saving sends only what changed; the document, the shared card and the counsellor's tab then show that version.
 */
export function synthesisEditForm(session: Session, items: readonly EditableItem[], onSaved: () => Promise<void>): HTMLElement {
  const { t } = session;
  if (items.length === 0) return h('p', {}, t('personal.edit.nothing'));
  const rows = items.map((item, i) => {
    const textId = `edit-text-${i}`;
    const text = item.kind === 'skill' ? h('input', { type: 'text', id: textId, maxlength: '1000' }) : h('textarea', { id: textId, rows: '3', maxlength: '1000' });
    text.value = item.text;
    const remove = h('input', { type: 'checkbox', id: `edit-remove-${i}` });
    const row = h('li', { class: 'edit-item' }, h('label', { for: textId }, t(`personal.edit.kind.${item.kind}`)), text, h('div', { class: 'switch' }, remove, h('label', { for: `edit-remove-${i}` }, t('personal.edit.remove'))));
    return { item, text, remove, row };
  });
  const save = h('button', { type: 'submit', class: 'primary' }, t('personal.edit.save'));
  const form = h('form', { class: 'synthesis-edit' }, h('p', {}, t('personal.edit.intro')), h('ol', { class: 'edit-items' }, ...rows.map((r) => r.row)), save);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const removed = rows.filter((r) => r.remove.checked).map((r) => r.item.id);
    const reworded = Object.fromEntries(rows.filter((r) => !r.remove.checked && r.text.value.trim() !== r.item.text && r.text.value.trim() !== '').map((r) => [r.item.id, r.text.value.trim()]));
    if (removed.length === 0 && Object.keys(reworded).length === 0) {
      announce(t('personal.edit.unchanged'));
      return;
    }
    save.disabled = true;
    session.api
      .json<{ removed: number; reworded: number; sharedCard: 'updated' | 'pending' | 'notShared' }>('PUT', `/users/${encodeURIComponent(session.oid)}/synthesis/edits`, { removed, reworded })
      .then(async (outcome) => {
        await onSaved();
        const shared = outcome.sharedCard === 'notShared' ? '' : ` ${t(outcome.sharedCard === 'updated' ? 'personal.edit.sharedUpdated' : 'personal.edit.sharedPending')}`;
        announce(t('personal.edit.saved', outcome) + shared);
      })
      .catch((error: unknown) => {
        save.disabled = false;
        announce(errorMessage(error, t));
      });
  });
  return form;
}
