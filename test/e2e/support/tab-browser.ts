/**
 * Headless Chromium for the Teams tabs' pages (served by the bot under /tab), opened directly in dev mode:
 * helpers to check accessibility with axe-core and to keep screenshots in test-artifacts/e2e/tabs/.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './playground.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const TAB_ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts', 'e2e', 'tabs');
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Bundles the front end into dist/tab-ui/ the way `npm run build` does, so the tests run the real bundle. */
export function buildTabBundle(): void {
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-tab.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** A fresh context that never leaves loopback; CSP is bypassed only so axe-core can be injected. */
export async function newTabContext(browser: Browser, locale = 'fr-FR'): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale, bypassCSP: true });
  await context.route((u) => !['127.0.0.1', 'localhost'].includes(u.hostname), (route) => route.abort('blockedbyclient'));
  return context;
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/** Runs axe-core (WCAG 2 A/AA and best practices) on the page; resolves with the violations, as `id: targets`. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] } });
    return result.violations;
  });
  return violations.map((v) => `${v.id} (${v.impact ?? '?'}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(TAB_ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(TAB_ARTIFACTS, `${name}.png`), fullPage: true });
}
