import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const projectRoot = join(import.meta.dirname, '../../..');

function npmRun(script: string, args: readonly string[], input = ''): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync('npm', ['run', '--silent', script, ...(args.length > 0 ? ['--', ...args] : [])], { cwd: projectRoot, input, encoding: 'utf8', timeout: 60_000 });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

describe('npm run skills:extract', function () {
  this.timeout(60_000);

  it('writes one JSON line per input line and nothing else on stdout', () => {
    const input = [
      JSON.stringify({ id: 'fr-1', lang: 'fr', answer: 'Je gère les stocks et je suis rigoureuse.' }),
      JSON.stringify({ id: 'en-1', lang: 'en', answer: 'nothing comes to mind' }),
      '',
      JSON.stringify({ id: 'fr-2', lang: 'fr', answer: "Je n'ai jamais encadré d'équipe." }),
    ].join('\n');
    const { stdout, stderr, status } = npmRun('skills:extract', [], input);
    expect(status, stderr).to.equal(0);
    const lines = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { id: string; skills: { id: string; label: string; kind: string; score: number }[] });
    expect(lines.map((line) => line.id)).to.deep.equal(['fr-1', 'en-1', 'fr-2']);
    expect(lines[0]?.skills.map((s) => s.id)).to.include.members(['300260', '300490']);
    expect(Object.keys(lines[0]?.skills[0] ?? {})).to.deep.equal(['id', 'label', 'kind', 'score']);
    expect(lines[1]?.skills).to.deep.equal([]);
    expect(lines[2]?.skills).to.deep.equal([]);
  });

  it('reports a bad line on stderr, still answers the others, and exits non-zero', () => {
    const input = ['not json', JSON.stringify({ id: 'ok', lang: 'fr', answer: 'Inventaire tous les mois.' }), JSON.stringify({ id: 'de', lang: 'de', answer: 'Hallo' }), '[1, 2]'].join('\n');
    const { stdout, stderr, status } = npmRun('skills:extract', [], input);
    expect(status).to.equal(1);
    expect(stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as { id: string }).id)).to.deep.equal(['ok']);
    expect(stderr).to.match(/line 1: not valid JSON/u);
    expect(stderr).to.match(/line 3: "lang" must be "fr" or "en"/u);
    expect(stderr).to.match(/line 4: expected an object/u);
  });
});

describe('npm run eval:skills on a tiny hand-made gold file', function () {
  this.timeout(60_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'skills-eval-'));
    const gold = [
      { id: 'fr-a', lang: 'fr', answer: 'Je gère les stocks.', must: [{ ids: ['300260'] }], ok: [], negated: [] },
      { id: 'fr-b', lang: 'fr', answer: "Je n'ai jamais fait d'inventaire, mais je suis rigoureuse.", must: [{ ids: ['300490'] }], ok: [], negated: [{ ids: ['300259'] }] },
      // 400189 « Traiter les réclamations des clients » rolls up to its macro 300345; the second must concept is missed.
      { id: 'en-a', lang: 'en', answer: 'I handle customer complaints.', must: [{ ids: ['300345'] }, { ids: ['no-such-id'] }], ok: [], negated: [] },
    ];
    writeFileSync(join(dir, 'gold.jsonl'), gold.map((g) => JSON.stringify(g)).join('\n'));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints precision, recall and negation-error rate per language', () => {
    const { stdout, status, stderr } = npmRun('eval:skills', [join(dir, 'gold.jsonl')]);
    expect(status, stderr).to.equal(0);
    const row = (lang: string): string[] => (stdout.split('\n').find((line) => line.startsWith(`${lang} `)) ?? '').trim().split(/\s+/u);
    // lang answers predictions correct precision recall negation-error-rate (reported/negated)
    expect(row('fr')).to.deep.equal(['fr', '2', '2', '2', '1.000', '1.000', '0.000', '(0/1)']);
    expect(row('en')).to.deep.equal(['en', '1', '1', '1', '1.000', '0.500', '0.000', '(0/0)']);
    expect(row('all')).to.deep.equal(['all', '3', '3', '3', '1.000', '0.750', '0.000', '(0/1)']);
  });
});
