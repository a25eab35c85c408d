import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { BilanRepository } from '../core/bilan/bilan-repository.js';
import type { PersonalDataRights } from '../core/bilan/personal-data-rights.js';
import type { Flow } from '../core/flow/flow-schema.js';
import { toLocale, type Locale } from '../core/locale.js';
import type { Logger } from '../core/logger.js';
import type { RefreshOutcome, SharingService } from '../core/sharing/sharing-service.js';
import type { CounsellorDesk } from '../core/tab/counsellor-desk.js';
import { myBilanView } from '../core/tab/my-bilan-view.js';
import type { Translate, Translations } from '../infra/i18n/create-i18n.js';
import { withSynthesisLabels } from '../infra/synthesis/synthesis-labels.js';
import type { SynthesisTemplate } from '../infra/synthesis/template.js';
import type { SynthesisDownloads } from '../bot/synthesis/synthesis-downloads.js';
import { editsFrom, itemsOf } from '../bot/synthesis/synthesis-editing.js';
import { MAX_REWORDING_CHARS } from '../core/synthesis/synthesis-edits.js';
import type { TabAuthenticator, TabIdentity } from './tab-auth.js';
import { presentDetail, presentMyBilan, presentSummary } from './tab-present.js';

export interface TabApiOptions {
  readonly authenticator: TabAuthenticator;
  /** The pseudonymous id of a user's bilan, from their object id (as in the chat). */
  readonly personIds: { of(rawId: string): string };
  /** Entra object ids of the counsellors (COUNSELLORS). */
  readonly counsellors: readonly string[];
  readonly repository: BilanRepository;
  readonly flows: readonly Flow[];
  readonly sharing: SharingService;
  readonly desk: CounsellorDesk;
  readonly downloads: SynthesisDownloads;
  readonly translations: Translations;
  /** locales/<locale>/synthesis.md, for the synthesis labels of skills and shared lines. */
  readonly synthesisTemplates: Readonly<Record<Locale, SynthesisTemplate>>;
  readonly defaultLocale: Locale;
  readonly logger: Logger;
  /** Export and erasure, shared with the chat's « mes données » / « supprimer mes données ». */
  readonly rights: PersonalDataRights;
  /**
   * Stores the person's edits to their draft synthesis, as « modifier ma synthèse » does in the chat, and has the card
   * shared with the counsellor, if any, show them.
   */
  readonly editSynthesis: (userId: string, removed: readonly string[], reworded: Readonly<Record<string, string>>, locale: Locale) => Promise<RefreshOutcome>;
}

type Role = 'employee' | 'counsellor';

/** What a handler answers; `subject` names what was accessed, for the audit log (an id, never content). */
interface Outcome {
  readonly status: number;
  readonly body?: unknown;
  readonly subject?: string;
}

interface Call {
  readonly identity: TabIdentity;
  readonly role: Role;
  readonly req: Request;
  readonly locale: Locale;
}

const FORBIDDEN: Outcome = { status: 403, body: { error: 'forbidden' } };
const shareBody = z.object({ shared: z.boolean() }).strict();
const editBody = z
  .object({ removed: z.array(z.string().max(200)).max(500).default([]), reworded: z.record(z.string().max(200), z.string().max(MAX_REWORDING_CHARS)).default({}) })
  .strict();

/**
 * The tab API under /api/tab. Every call but /mode needs a Teams SSO token (or a dev identity in dev mode).
 * An employee reaches only their own bilan (/users/<their oid>/…); a counsellor only the bilans currently shared
 * with the counsellor (/counsellor/…); anything else is 403. Every call is audited: who, which role, what, which
 * subject, the status — never content.
 */
export function registerTabApi(server: Server, options: TabApiOptions): void {
  const translator = (locale: Locale): Translate => withSynthesisLabels(options.translations.translator(locale), options.synthesisTemplates[locale]);
  const route = (action: string, handler: (call: Call) => Promise<Outcome>) => async (req: Request, res: Response) => {
    res.header('Cache-Control', 'no-store');
    const auth = await options.authenticator.authenticate(req.header('authorization'));
    if (!auth.ok) {
      options.logger.info({ audit: true, action, outcome: 401, reason: auth.reason }, 'tab access');
      res.send(auth.reason === 'unavailable' ? 503 : 401, { error: auth.reason });
      return;
    }
    const identity = auth.identity;
    const role: Role = options.counsellors.includes(identity.oid) ? 'counsellor' : 'employee';
    const locale = toLocale(query(req, 'lang')) ?? options.defaultLocale;
    const outcome = await handler({ identity, role, req, locale }).catch((error: unknown): Outcome => {
      options.logger.error({ errorName: error instanceof Error ? error.name : 'unknown', action }, 'tab call failed');
      return { status: 500, body: { error: 'internal error' } };
    });
    options.logger.info({ audit: true, actor: identity.oid, role, action, subject: outcome.subject, outcome: outcome.status }, 'tab access');
    res.send(outcome.status, outcome.body);
  };

  /** Employee routes: only the caller's own object id, and never as a counsellor (they use the shared view). */
  const own = (action: string, handler: (call: Call, userId: string) => Promise<Outcome>) =>
    route(action, (call) => {
      const oid = param(call.req, 'oid');
      if (call.role !== 'employee' || oid !== call.identity.oid) return Promise.resolve({ ...FORBIDDEN, subject: oid });
      return handler(call, options.personIds.of(`aad:${oid}`)).then((outcome) => ({ subject: oid, ...outcome }));
    });

  const counsellor = (action: string, handler: (call: Call) => Promise<Outcome>) =>
    route(action, (call) => (call.role === 'counsellor' ? handler(call) : Promise.resolve(FORBIDDEN)));

  server.get('/api/tab/mode', async (_req: Request, res: Response) => {
    res.send(200, { mode: await Promise.resolve(options.authenticator.mode) });
  });

  server.get('/api/tab/session', route('session', (call) => Promise.resolve({ status: 200, body: { oid: call.identity.oid, role: call.role } })));

  server.get('/api/tab/users/:oid/bilan', own('bilan.read', async (call, userId) => {
    const record = (await options.repository.load(userId))?.record;
    const view = myBilanView(record, options.flows);
    const links = view.started ? { pdf: await options.downloads.link(userId, call.locale, 'pdf'), md: await options.downloads.link(userId, call.locale, 'md') } : undefined;
    const exportLink = record ? await options.rights.exportLink(userId, call.locale) : null;
    const synthesis = view.started ? await options.downloads.synthesisOf(userId) : undefined;
    const editable = synthesis ? itemsOf(synthesis, translator(call.locale)) : [];
    return { status: 200, body: { ...presentMyBilan(view, translator(call.locale), links), exportLink, editable } };
  }));

  /** The tab's « modifier ma synthèse »: remove or reword skills, achievements and steps shown to the person now. */
  server.put('/api/tab/users/:oid/synthesis/edits', own('synthesis.edit', async (call, userId) => {
    const body = editBody.safeParse(call.req.body);
    if (!body.success) return { status: 400, body: { error: 'expected { "removed": [ids], "reworded": { id: text } }' } };
    const synthesis = await options.downloads.synthesisOf(userId);
    if (!synthesis) return { status: 404, body: { error: 'no bilan' } };
    const values: Record<string, string> = Object.fromEntries([
      ...body.data.removed.map((id): [string, string] => [`remove:${id}`, 'true']),
      ...Object.entries(body.data.reworded).map(([id, text]): [string, string] => [`text:${id}`, text]),
    ]);
    const { removed, reworded } = editsFrom(itemsOf(synthesis, translator(call.locale)), values);
    const changed = removed.length > 0 || Object.keys(reworded).length > 0;
    const sharedCard = changed ? await options.editSynthesis(userId, removed, reworded, call.locale) : 'notShared';
    return { status: 200, body: { removed: removed.length, reworded: Object.keys(reworded).length, sharedCard } };
  }));

  server.put('/api/tab/users/:oid/sharing/summary', own('sharing.update', async (call, userId) => {
    const body = shareBody.safeParse(call.req.body);
    if (!body.success) return { status: 400, body: { error: 'expected { "shared": true | false }' } };
    const outcome = body.data.shared ? await options.sharing.share(userId, call.locale) : await options.sharing.revoke(userId);
    return { status: 200, body: { outcome } };
  }));

  server.del('/api/tab/users/:oid/bilan', own('bilan.erase', async (_call, userId) => {
    await options.rights.erase(userId);
    return { status: 204 };
  }));

  server.get('/api/tab/counsellor/bilans', counsellor('shared.list', async () => ({
    status: 200,
    body: { bilans: (await options.desk.list()).map(presentSummary) },
  })));

  server.get('/api/tab/counsellor/bilans/:shareId', counsellor('shared.read', async (call) => {
    const shareId = param(call.req, 'shareId');
    const detail = await options.desk.detail(shareId);
    if (!detail) return { ...FORBIDDEN, subject: shareId };
    return { status: 200, body: presentDetail(detail, translator(call.locale)), subject: shareId };
  }));

  server.post('/api/tab/counsellor/bilans/:shareId/acknowledgement', counsellor('shared.acknowledge', async (call) => {
    const shareId = param(call.req, 'shareId');
    const owner = await options.desk.ownerOf(shareId);
    const outcome = owner && (await options.sharing.acknowledge(owner, shareId, call.identity.oid));
    if (outcome !== 'acknowledged') return { ...FORBIDDEN, subject: shareId };
    const detail = await options.desk.detail(shareId);
    return { status: 200, body: { acknowledgedAt: detail?.acknowledged?.at ?? null }, subject: shareId };
  }));
}

function param(req: Request, name: string): string {
  const value: unknown = (req.params as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

function query(req: Request, name: string): unknown {
  return new URL(req.url ?? '/', 'http://localhost').searchParams.get(name);
}
