// Builds dist/ (scripts/build.mjs) when it is missing or older than any source file or the lockfile, and the tabs'
// front end (dist/tab-ui/, scripts/build-tab.mjs) when missing or older than src/tab-ui or locales (used by `npm start`).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);

const built = existsSync('dist/main.js') ? statSync('dist/main.js').mtimeMs : 0;
if (built === 0 || Math.max(newest('src'), statSync('package-lock.json').mtimeMs) > built) {
  process.stdout.write('Building dist/ from src/ …\n');
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}

const tabBuilt = existsSync('dist/tab-ui/tab.js') ? statSync('dist/tab-ui/tab.js').mtimeMs : 0;
if (tabBuilt === 0 || Math.max(newest('src/tab-ui'), newest('locales')) > tabBuilt) {
  process.stdout.write('Bundling the tabs into dist/tab-ui/ …\n');
  execFileSync(process.execPath, ['scripts/build-tab.mjs'], { stdio: 'inherit' });
}
