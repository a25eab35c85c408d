// `npm run build`: bundles src/main.ts and the packages it imports into dist/main.js (esbuild).
// One file instead of ~1,000 CommonJS modules from node_modules: the bot starts markedly faster (see
// `npm run bench`, startup_ms). Left outside the bundle: pdfkit (reads its font metrics from its own
// folder, and is only loaded when a PDF is asked for), fontkit and bidi-js (loaded with it: the PDF's fonts
// and right-to-left text), pino (its worker-thread transports load files by
// path) and restify's optional native dtrace-provider.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  sourcemap: 'linked',
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'external',
  external: ['pdfkit', 'fontkit', 'bidi-js', 'pino', 'dtrace-provider'],
  // node-fetch 2 (botframework-connector) reaches tr46 0.0.3, which requires Node's deprecated built-in punycode
  // (DEP0040, printed on the first message on Node 22+): the bundle gets the same code from the punycode package.
  alias: { punycode: 'punycode/' },
  // CommonJS packages inside an ES module bundle still call require() for Node's built-ins.
  banner: { js: "import { createRequire as __bilanCreateRequire } from 'node:module'; const require = __bilanCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
