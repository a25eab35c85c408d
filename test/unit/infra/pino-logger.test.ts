import { Writable } from 'node:stream';
import { expect } from 'chai';
import { errorFields } from '../../../src/core/logger.js';
import { PinoLogger, REDACTED_PATHS } from '../../../src/infra/logging/pino-logger.js';

function capturingLogger(): { logger: PinoLogger; lines: () => Record<string, unknown>[] } {
  let raw = '';
  const sink = new Writable({ write: (chunk, _enc, done) => { raw += String(chunk); done(); } });
  return { logger: PinoLogger.create('trace', sink), lines: () => raw.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('PinoLogger redaction', () => {
  it('censors personal fields passed by mistake, at the top level and one level down (child bindings)', () => {
    const { logger, lines } = capturingLogger();
    logger.info({ text: 'je démissionne', email: 'a@b.c', name: 'Alice', answerCount: 3 }, 'top level');
    logger.child({ user: 'u1' }).debug({ value: 'réponse', userPrincipalName: 'a@b.c' }, 'child');
    const [first, second] = lines();
    expect(first).to.include({ text: '[redacted]', email: '[redacted]', name: '[redacted]', answerCount: 3 });
    expect(second).to.include({ value: '[redacted]', userPrincipalName: '[redacted]', user: 'u1' });
    expect(REDACTED_PATHS).to.include.members(['answers', '*.answers', 'card', '*.text', 'attachments']);
  });

  it('logs an error as its name and code locations, never its message', () => {
    const fields = errorFields(new RangeError('value "mon salaire est 4000" is out of range'));
    expect(fields.errorName).to.equal('RangeError');
    expect(fields.errorStack).to.match(/^\s+at /);
    expect(fields.errorStack).not.to.include('salaire');
    expect(errorFields('a string thrown')).to.deep.equal({ errorName: 'non-error thrown', errorStack: undefined });
  });
});
