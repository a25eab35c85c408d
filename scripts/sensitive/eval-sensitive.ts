// Prints the precision and recall of the sensitive-content detector on data/sensitive/{eval,heldout}.jsonl.
import { resolve } from 'node:path';
import { evaluateDetector } from '../../src/core/sensitive/sensitive-eval.js';
import { loadSensitiveDetector, loadSensitiveEval } from '../../src/infra/files/load-sensitive.js';

const dir = resolve(import.meta.dirname, '../../data/sensitive');
const detector = loadSensitiveDetector(dir);
const pct = (n: number) => `${(n * 100).toFixed(1)} %`;

for (const name of ['eval.jsonl', 'heldout.jsonl'] as const) {
  const cases = loadSensitiveEval(dir, name);
  const report = evaluateDetector(detector, cases);
  const positives = cases.filter((c) => c.expect !== 'none').length;
  console.log(`\n${name}: ${String(cases.length)} sentences (${String(positives)} disclosures or distress, ${String(cases.length - positives)} ordinary)`);
  console.log(`flagged: precision ${pct(report.flagged.precision)}, recall ${pct(report.flagged.recall)}`);
  for (const [label, s] of Object.entries(report.byLabel)) {
    console.log(`  ${label.padEnd(18)} precision ${pct(s.precision).padStart(7)}  recall ${pct(s.recall).padStart(7)}  (tp ${String(s.truePositives)}, fp ${String(s.falsePositives)}, fn ${String(s.falseNegatives)})`);
  }
  for (const miss of report.misses) console.log(`missed   [${miss.expect}] ${miss.text}`);
  for (const alarm of report.falseAlarms) console.log(`flagged  [${alarm.finding.type === 'distress' ? 'distress' : alarm.finding.categories.join(',')}] ${alarm.case.text}`);
}
