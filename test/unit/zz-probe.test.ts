import { engineWith, FixedClock, preliminaireFlow, answerAll, keysOf, PRELIMINAIRE_TO_RECAP } from '../support/flows.js';
import { emptyRecord } from '../../src/core/bilan/bilan-record.js';
it('probe', () => {
  const clock = new FixedClock(); const e = engineWith(clock); const flow = preliminaireFlow();
  const s = e.start(emptyRecord('u', clock.now()), flow);
  console.log(keysOf(s.outputs));
  const r = answerAll(e, flow, s, PRELIMINAIRE_TO_RECAP);
  console.log(keysOf(r.outputs), r.status);
  try { const x = answerAll(e, flow, s, ['oui','non']); console.log(JSON.stringify(x.record), keysOf(x.outputs), x.status); } catch (err) { console.log('ERR', err); }
});
