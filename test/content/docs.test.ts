import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { CONFIG_VARIABLES } from '../../src/config.js';
import { PROJECT_ROOT } from '../support/bot-process.js';
import { VARIABLES as PACKAGE_VARIABLES } from '../../scripts/package-app.js';

/** The documents a newcomer or an operator reads. */
const DOCUMENTS = ['README.md', 'dialogs/README.md', 'locales/README.md', ...markdownIn('docs')];

function markdownIn(dir: string): string[] {
  return readdirSync(join(PROJECT_ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? markdownIn(join(dir, entry.name)) : entry.name.endsWith('.md') ? [join(dir, entry.name)] : [],
  );
}

function read(path: string): string {
  return readFileSync(join(PROJECT_ROOT, path), 'utf8');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(PROJECT_ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|mjs|sh)$|^run$/.test(entry.name) ? [path] : [];
  });
}

/** Every variable some code reads from an environment: the app's, the scripts', the tests' and CI's knobs. */
function variablesReadByCode(): Set<string> {
  const names = new Set<string>([...CONFIG_VARIABLES, ...PACKAGE_VARIABLES.map((v) => v.name)]);
  for (const file of ['src', 'scripts', 'bench', 'test', '.ci'].flatMap(sourceFiles)) {
    for (const match of read(file).matchAll(/env(?:\[['"]|\.|\s*:\s*\{[^}]*?)([A-Z][A-Za-z0-9_]+)|\$\{?([A-Z][A-Z0-9_]+)|\b([A-Z][A-Z0-9_]+)=/g)) {
      names.add(match[1] ?? match[2] ?? match[3] ?? '');
    }
  }
  return names;
}

/** `FOO_BAR`, `FOO_BAR=1` and `MicrosoftAppId` in backticks: how the documents name an environment variable. */
function mentionedVariables(text: string): string[] {
  return [...text.matchAll(/`([A-Z][A-Z0-9]*_[A-Z0-9_]+|Microsoft[A-Z][A-Za-z]+|PORT|STORAGE)(?:=[^`]*)?`/g)].map((m) => m[1] ?? '');
}

/** Constants of the code that the documents quote (not environment variables). */
function isCodeConstant(name: string): boolean {
  return ['src', 'test'].flatMap(sourceFiles).some((file) => new RegExp(`const ${name}\\b`).test(read(file)));
}

describe('the documentation stays true', () => {
  const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
  const readByCode = variablesReadByCode();

  for (const document of DOCUMENTS) {
    it(`${document}: every npm script it names exists in package.json`, () => {
      const named = [...read(document).matchAll(/npm (?:run(?: --silent)? ([a-z][\w:-]*)|(start|test)\b)/g)].map((m) => m[1] ?? m[2] ?? '');
      const missing = named.filter((name) => !scripts.includes(name));
      expect(missing, 'npm scripts named but not defined').to.deep.equal([]);
    });

    it(`${document}: every environment variable it names is read by the code`, () => {
      const unknown = mentionedVariables(read(document)).filter((name) => !readByCode.has(name) && !isCodeConstant(name));
      expect([...new Set(unknown)], 'variables named but read by nothing').to.deep.equal([]);
    });
  }

  it('docs/configuration.md documents every variable src/config.ts reads, and .env.example lists each', () => {
    const configuration = read('docs/configuration.md');
    const example = read('.env.example');
    expect(CONFIG_VARIABLES.filter((name) => !configuration.includes(`\`${name}\``)), 'missing from docs/configuration.md').to.deep.equal([]);
    expect(CONFIG_VARIABLES.filter((name) => !new RegExp(`^${name}=`, 'm').test(example)), 'missing from .env.example').to.deep.equal([]);
  });

  it('the README stays a front door (at most 150 lines)', () => {
    expect(read('README.md').split('\n').length).to.be.at.most(150);
  });
});
