import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { vi } from 'vitest';
import { DATA_DIR, ROOT } from '../../scripts/paths';
import { diagnoseCase } from '../support/diagnose-case';
import { startStack, type TestStack } from '../support/stack';

// A browser test waits for several tasks in turn, each opened by its workflow a moment after the previous decision
// (queueRow waits up to 45 s for one on a loaded machine): the whole test gets room for three such waits.
vi.setConfig({ testTimeout: 180_000 });

const uiDir = resolve(ROOT, 'ui');
const distIndex = resolve(uiDir, 'dist', 'index.html');

/** The newest modification time of the web app's sources. */
function newestSource(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'dist' || name === 'node_modules') continue;
    newest = Math.max(newest, newestSource(join(path, name)));
  }
  return newest;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Builds the web app into ui/dist unless it is newer than every source file. Test files running in parallel take
 * turns through a lock directory, so the build runs once.
 */
export async function ensureUiBuilt(): Promise<void> {
  const lock = resolve(DATA_DIR, 'ui-build.lock');
  mkdirSync(DATA_DIR, { recursive: true });
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another file is building; a lock older than two minutes was left by a killed run.
      if (i > 600 || Date.now() - statSync(lock).mtimeMs > 120_000) {
        rmdirSync(lock);
        continue;
      }
      await sleep(200);
    }
  }
  try {
    if (existsSync(distIndex) && statSync(distIndex).mtimeMs >= newestSource(uiDir)) return;
    const vite = resolve(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
    execFileSync(process.execPath, [vite, 'build', uiDir, '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit',
      // Vitest sets NODE_ENV=test, which would give React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
    });
  } finally {
    rmdirSync(lock);
  }
}

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface BrowserApp {
  stack: TestStack;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser profile (own localStorage) for one person. */
  newUser(opts?: { viewport?: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}

/** The real stack listening on a free port, serving the built web app, with Debian's Chromium driven by Playwright. */
/** The stack of this test file's browser app, for diagnosing a task that does not appear. */
let currentStack: TestStack | undefined;

export async function startBrowserApp(): Promise<BrowserApp> {
  await ensureUiBuilt();
  const stack = await startStack();
  currentStack = stack;
  await stack.app.listen({ port: 0, host: '127.0.0.1' });
  const address = stack.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  const contexts: BrowserContext[] = [];
  return {
    stack,
    baseUrl,
    browser,
    async newUser(opts = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport: opts.viewport ?? { width: 1280, height: 900 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      context.setDefaultTimeout(20_000);
      contexts.push(context);
      return context.newPage();
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await stack.stop();
    },
  };
}

/** Signs in through the sign-in page, as a person would, and waits for the task queue. */
export async function signIn(page: Page, username: string, next = '/tasks'): Promise<void> {
  await page.goto(`/signin?next=${encodeURIComponent(next)}`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('demo1234');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByTestId('who').waitFor();
}

/**
 * Opens the queue and waits for the task of `requestId` at `step` to appear (the workflow opens it a moment after
 * the previous decision), loading more rows (加载更多) and pressing 刷新 until it does. Returns its row.
 */
export async function queueRow(page: Page, requestId: string, step: string, query = ''): Promise<Locator> {
  await page.goto(`/tasks${query}`);
  const row = page.locator(`tr[data-request-id="${requestId}"][data-task-id*="/${step}/"]`);
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    await page.getByRole('button', { name: '刷新' }).waitFor();
    if ((await row.count()) > 0) return row.first();
    // The queue shows 50 tasks, due soonest first; the suite's other cases fill it, so look further, as a person would.
    const more = page.getByRole('button', { name: '加载更多' });
    if ((await more.count()) > 0) {
      await more.click();
      await row.first().waitFor({ timeout: 1_000 }).catch(() => undefined);
      continue;
    }
    await page.getByRole('button', { name: '刷新' }).click();
    await row.first().waitFor({ timeout: 1_000 }).catch(() => undefined);
  }
  const diagnosis = currentStack ? await diagnoseCase(currentStack, requestId) : '';
  throw new Error(`no ${step} task for ${requestId} in the queue\n${diagnosis}`);
}

/** Where the screenshots of the README go; taken only when SCREENSHOTS=1 (npm run screenshots). */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  if (!process.env.SCREENSHOTS) return;
  const dir = resolve(ROOT, 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.evaluate('document.fonts.ready');
  await page.screenshot({ path: resolve(dir, `${name}.png`), fullPage: opts.fullPage ?? false });
}

/**
 * Sends the decision chosen on a task page: presses 提交办理结果, checks the confirmation dialog states the act, and
 * confirms it (the dialog's confirm button is named after the decision). Returns the dialog's question.
 */
export async function confirmDecision(page: Page, decision: string): Promise<string> {
  await page.getByRole('button', { name: '提交办理结果' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const question = (await dialog.locator('p').textContent()) ?? '';
  await dialog.getByRole('button', { name: new RegExp(`^确认提交：${decision}`) }).click();
  return question;
}
