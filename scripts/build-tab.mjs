// Bundles the Teams tabs' front end (src/tab-ui) into dist/tab-ui/ with esbuild: tab.js, tab.css, index.html,
// config.html. Run by `npm run build`, `npm start` (when missing or stale) and the browser tests.
//   node scripts/build-tab.mjs [outDir]
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const TAB_OUT_DIR = resolve(ROOT, 'dist', 'tab-ui');

const page = (title) => `<!doctype html>
<html lang="fr" data-theme="default">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="tab.css">
</head>
<body>
<header id="banner"></header>
<main>
<div id="status" role="status" aria-live="polite"></div>
<div id="main"><p>Chargement… / Loading…</p></div>
</main>
<script src="tab.js"></script>
</body>
</html>
`;

export async function buildTab(outDir = TAB_OUT_DIR) {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [resolve(ROOT, 'src/tab-ui/main.ts')],
    outfile: resolve(outDir, 'tab.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome110', 'edge110', 'firefox115', 'safari16'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  copyFileSync(resolve(ROOT, 'src/tab-ui/tab.css'), resolve(outDir, 'tab.css'));
  writeFileSync(resolve(outDir, 'index.html'), page('Bilan'));
  writeFileSync(resolve(outDir, 'config.html'), page('Bilan'));
  return outDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildTab(process.argv[2] ? resolve(process.argv[2]) : TAB_OUT_DIR);
}
