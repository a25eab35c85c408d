// Builds dist/ (scripts/build.mjs) when it is missing or older than any source file or the lockfile (used by `npm start`).
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
