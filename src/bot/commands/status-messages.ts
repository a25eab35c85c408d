import type { BilanStatus } from '../../core/bilan/bilan-status.js';
import { msg, type MessageRef } from '../../core/messages.js';

/** The status report (« où j'en suis ») as messages. */
export function statusMessages(status: BilanStatus): MessageRef[] {
  switch (status.type) {
    case 'notStarted':
      return [msg('common:commands.status.notStarted')];
    case 'refused':
      return [msg('common:commands.status.refused')];
    case 'finished':
      return [msg('common:commands.status.done')];
    case 'inProgress': {
      const phase = msg(`common:phases.${status.phase}`);
      const lines = [msg('common:commands.status.phase', { phase, percent: status.phasePercent }), msg('common:commands.status.overall', { percent: status.overallPercent })];
      if (status.currentQuestionKey) lines.push(msg('common:commands.status.current', { question: msg(status.currentQuestionKey) }));
      if (status.next) {
        const next = msg(`common:phases.${status.next.phase}`);
        lines.push(msg(status.next.available ? 'common:commands.status.next' : 'common:commands.status.nextUnavailable', { phase: next }));
      }
      if (status.paused) lines.push(msg('common:commands.status.paused'));
      return lines;
    }
  }
}
