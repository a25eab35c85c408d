import { ApiError, type TabApi } from './api.js';
import type { T, UiLocale } from './i18n.js';

/** The signed-in user of the page and how to reach the API on their behalf. */
export interface Session {
  readonly api: TabApi;
  readonly t: T;
  readonly locale: UiLocale;
  readonly oid: string;
  readonly role: 'employee' | 'counsellor';
}

/** What to tell the user when a call fails; never a raw error. */
export function errorMessage(error: unknown, t: T): string {
  if (!(error instanceof ApiError)) return t('errors.generic');
  if (error.status === 0) return t('errors.network');
  if (error.status === 401) return t('errors.auth');
  if (error.status === 403) return t('errors.forbidden');
  if (error.status === 503) return t('notConfigured');
  return t('errors.generic');
}
