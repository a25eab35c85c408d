/**
 * Retakes the README's two pictures (docs/images/): the chat in the Agents Playground, driven in headless Chromium,
 * and the first page of a draft synthesis PDF (needs `pdftoppm`, Debian's poppler-utils). Run:
 *   node --import tsx/esm scripts/docs-screenshots.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { say } from '../test/support/activities.js';
import { BotProcess, freePort, PROJECT_ROOT } from '../test/support/bot-process.js';
import { openPlayground, startPlayground } from '../test/e2e/support/playground.js';

const IMAGES = join(PROJECT_ROOT, 'docs', 'images');
const dataDir = await mkdtemp(join(tmpdir(), 'bilan-screenshots-'));
const port = await freePort();
const bot = BotProcess.start({ PORT: String(port), DATA_DIR: dataDir, STORAGE: 'memory', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0' });
try {
  await bot.waitForLog(() => true, 90_000);
  await new Promise((ready) => setTimeout(ready, 5000));
  const url = `http://127.0.0.1:${String(port)}`;
  const playground = await startPlayground({ botEndpoint: `${url}/api/messages` });
  const page = await openPlayground(playground.url);
  try {
    await page.page.setViewportSize({ width: 1000, height: 760 });
    const shown = (await page.waitForBotMessages(2, 30_000)).length;
    await page.clickAction('Yes');
    await page.waitForBotMessages(shown + 1, 30_000);
    await new Promise((settle) => setTimeout(settle, 1500));
    await page.page.screenshot({ path: join(IMAGES, 'chat.png'), clip: { x: 0, y: 0, width: 668, height: 760 } });
  } finally {
    await page.close();
    await playground.stop();
  }

  // A user who engaged, then asked for their synthesis. A short id: with an Entra GUID the link's token is longer than
  // the 100 characters restify's router accepts in a path parameter, and the link answers 404 (reported, not fixed here).
  const turn = async (text: string) => {
    const activity = { ...say({ aadObjectId: 'aad-docs' }, text), deliveryMode: 'expectReplies' };
    const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    return JSON.stringify(await response.json());
  };
  for (const text of ['bonjour', 'oui', 'oui']) await turn(text);
  const link = /http:\/\/localhost:\d+\/synthesis\/[\w-]+\.pdf/.exec(await turn('ma synthèse'))?.[0];
  if (!link) throw new Error('no synthesis link in the reply');
  const response = await fetch(link.replace(/http:\/\/localhost:\d+/, url));
  if (response.status !== 200) throw new Error(`GET ${link}: ${String(response.status)} ${await response.text()}`);
  const pdf = Buffer.from(await response.arrayBuffer());
  const pdfPath = join(dataDir, 'synthesis.pdf');
  await writeFile(pdfPath, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdfPath, join(IMAGES, 'synthesis')]);
} finally {
  await bot.stop();
  await rm(dataDir, { recursive: true, force: true });
}
