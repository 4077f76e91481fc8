// report.html in headless Chromium (playwright-core drives the system's /usr/bin/chromium; no
// browser is downloaded). The page comes from a real `revgate compare` against the reference
// pharmabot (a flawed green), then a copy of its report.json with hostile answers is re-rendered
// with `revgate report --from … --format html`. Without Chromium the suite fails under CI and is
// skipped, with its reason in the suite name, locally.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/index.js';
import type { Report } from '../../src/model/report.js';
import type { CaseRecord } from '../../src/model/metrics.js';
import { cli, compareCli, medquadCases, pharmabotCases, ROOT, runDir, writeSuite } from '../e2e/helpers.js';

const CHROMIUM = process.env['REVGATE_CHROMIUM'] ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const HOSTILE_ANSWER =
  '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"></script><!-- \u2028 <svg onload="window.__pwned=3">';
const HOSTILE_ID = 'hostile-<img src=x onerror="window.__pwned=4">';

const available = existsSync(CHROMIUM);
const missing = `Chromium not found at ${CHROMIUM}: install it (apt-get update && apt-get install -y chromium; .ci/run does) or set REVGATE_CHROMIUM`;

if (!available && process.env['CI']) {
  describe('report.html in headless Chromium', () => {
    it('needs Chromium', () => {
      throw new Error(missing);
    });
  });
} else if (!available) {
  console.warn(`[revgate] report.html browser tests skipped: ${missing}`);
  describe.skipIf(!available)(`report.html in headless Chromium (skipped: ${missing})`, () => {
    it('renders', () => undefined);
  });
} else {
  describe('report.html in headless Chromium', () => {
    const bots: Pharmabot[] = [];
    let context: BrowserContext;
    let report: Report;
    let html: string;
    let hostileHtml: string;
    const problems: string[] = [];

    beforeAll(async () => {
      const blue = await startPharmabot({ seed: 1 });
      const green = await startPharmabot({ seed: 2, flaws: { shortAnswers: true, refusalRate: 0.3 } });
      bots.push(blue, green);
      const hostilePrompt = {
        id: 'hostile-prompt',
        question: 'What is the dose? <img src=x onerror="window.__pwned=5"> <script>window.__pwned=6</script>',
        reference: '</script><script>window.__pwned=7</script>',
        tags: ['hostile'],
      };
      const s = await writeSuite({
        blue: `${blue.url}/v1`,
        green: `${green.url}/v1`,
        cases: [...pharmabotCases(), ...medquadCases(16), hostilePrompt],
        sampling: { repeats: 3 },
        thresholds: ['error_rate <= 1%', 'delta.ref.rougeL.mean >= -0.05', { test: 'ref.rougeL', minEffect: 0.03 }],
        report: { formats: ['json', 'md', 'html'] },
      });
      const run = await compareCli(s);
      expect(run.code, run.stderr + run.stdout).toBe(1);
      const dir = await runDir(s.reportsDir);
      html = join(dir, 'report.html');
      report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as Report;

      // The same report with a hostile answer, re-rendered by `revgate report --from`.
      const base = report.cases[0]!;
      const hostile: CaseRecord = {
        ...base,
        id: HOSTILE_ID,
        tags: ['<b>tag</b>'],
        regression: 99,
        status: 'fail',
        reasons: [HOSTILE_ANSWER],
        blue: { ...base.blue, outputs: [`blue ${HOSTILE_ANSWER}`], docs: ['<i>doc</i>'] },
        green: { ...base.green, outputs: [`green ${HOSTILE_ANSWER} added`] },
      };
      const out = join(s.dir, 'hostile');
      await mkdir(out);
      await writeFile(join(out, 'report.json'), JSON.stringify({ ...report, cases: [...report.cases, hostile] }));
      const again = await cli(['report', '--from', join(out, 'report.json'), '--format', 'html'], { cwd: s.dir });
      expect(again.code, again.stderr).toBe(1);
      hostileHtml = join(out, 'report.html');

      context = await chromium.launchPersistentContext(await mkdtemp(join(tmpdir(), 'revgate-chromium-')), {
        executablePath: CHROMIUM,
        headless: true,
        args: ARGS,
        viewport: { width: 1400, height: 1000 },
      });
    }, 120_000);

    afterAll(async () => {
      await context?.close();
      await Promise.all(bots.map((b) => b.close()));
    });

    async function open(file: string): Promise<Page> {
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('request', (r) => {
        if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) problems.push(`network request: ${r.url()}`);
      });
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector('tr.case');
      return page;
    }
    const rowIds = (page: Page) => page.$$eval('#case-rows tr.case', (rows) => rows.map((r) => r.getAttribute('data-id')));

    it('shows the verdict banner with its reasons, without console or page errors', async () => {
      const page = await open(html);
      expect(await page.textContent('#verdict .verdict-word')).toBe(report.verdict.status.toUpperCase());
      expect(await page.$$eval('#verdict .reasons li', (li) => li.map((l) => l.textContent))).toEqual(report.verdict.reasons);
      expect(await page.locator('#checks tbody tr').count()).toBe(report.checks.length);
      expect(await page.locator('#statistics tbody tr').count()).toBe(1);
      expect(await page.locator('#charts svg.chart').count()).toBeGreaterThanOrEqual(7);
      expect(await page.textContent('#case-count')).toBe(`${report.cases.length} cases`);
      expect(problems).toEqual([]);
      await mkdir(join(ROOT, 'test-output'), { recursive: true });
      await page.screenshot({ path: join(ROOT, 'test-output/report.png'), fullPage: true });
      await page.close();
    });

    it('filters by tag and by status, searches, and sorts by regression worst first', async () => {
      const page = await open(html);
      const total = report.cases.length;
      expect(await rowIds(page)).toHaveLength(total);

      await page.selectOption('#f-tag', 'drug-names');
      const tagged = report.cases.filter((c) => c.tags.includes('drug-names')).map((c) => c.id);
      expect(tagged.length).toBeGreaterThan(0);
      expect(tagged.length).toBeLessThan(total);
      expect((await rowIds(page)).sort()).toEqual([...tagged].sort());
      await page.selectOption('#f-tag', '');

      const failing = report.cases.filter((c) => c.status === 'fail').map((c) => c.id);
      expect(failing.length).toBeGreaterThan(0);
      expect(failing.length).toBeLessThan(total);
      await page.selectOption('#f-status', 'fail');
      expect((await rowIds(page)).sort()).toEqual([...failing].sort());
      await page.selectOption('#f-status', 'pass');
      expect(await rowIds(page)).toHaveLength(report.cases.filter((c) => c.status === 'pass').length);
      await page.selectOption('#f-status', '');

      await page.fill('#q', 'Taeniasis');
      await expect.poll(() => rowIds(page)).toEqual(['taeniasis-praziquantel']);
      await page.fill('#q', 'no such text anywhere');
      await expect.poll(() => page.textContent('#case-rows')).toContain('No case matches');
      await page.fill('#q', '');
      await expect.poll(() => rowIds(page)).toHaveLength(total);

      const worst = [...report.cases].sort((a, b) => b.regression - a.regression)[0]!;
      const best = [...report.cases].sort((a, b) => a.regression - b.regression)[0]!;
      expect((await rowIds(page))[0]).toBe(worst.id); // the default
      await page.click('th[data-sort="id"] button');
      expect(await page.getAttribute('th[data-sort="id"]', 'aria-sort')).toBe('ascending');
      await page.click('th[data-sort="regression"] button');
      expect(await page.getAttribute('th[data-sort="regression"]', 'aria-sort')).toBe('descending');
      expect((await rowIds(page))[0]).toBe(worst.id);
      await page.click('th[data-sort="regression"] button');
      expect((await rowIds(page))[0]).toBe(best.id);
      expect(problems).toEqual([]);
      await page.close();
    });

    it('opens a case from the keyboard: blue, green and reference side by side, the word diff, the documents', async () => {
      const page = await open(html);
      const first = page.locator('#case-rows tr.case button.toggle').nth(1);
      await first.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('#case-rows tr.case button.toggle').nth(1).getAttribute('aria-expanded')).toBe('true');
      const detail = page.locator('#case-rows tr.detail').first();
      expect(await detail.locator('.card').count()).toBe(3);
      expect(await detail.locator('.diff-text').count()).toBe(1);
      expect(await detail.locator('.diff-text del, .diff-text ins').count()).toBeGreaterThan(0);
      expect(await detail.locator('ol.docs li').count()).toBeGreaterThan(0);
      expect(problems).toEqual([]);
      await page.close();
    });

    it('renders hostile answers, ids, tags and documents as text: no script runs', async () => {
      const page = await open(hostileHtml);
      await page.waitForTimeout(200);
      expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
      // The hostile case regressed most, so it is first and open by default.
      expect((await rowIds(page))[0]).toBe(HOSTILE_ID);
      const detail = page.locator('#case-rows tr.detail').first();
      expect(await detail.locator('.card.green .answer').first().textContent()).toBe(`green ${HOSTILE_ANSWER} added`);
      expect(await detail.locator('.card.blue code').first().textContent()).toBe('<i>doc</i>');
      expect(await page.locator('#case-rows img, #case-rows script, #case-rows svg, #case-rows i, #case-rows b').count()).toBe(0);
      await page.fill('#q', 'hostile-prompt');
      await expect.poll(() => rowIds(page)).toEqual(['hostile-prompt']);
      await page.locator('#case-rows button.toggle').first().click();
      expect(await page.locator('#case-rows .prompt p').textContent()).toContain('<script>window.__pwned=6</script>');
      expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(problems).toEqual([]);
      await page.close();
    });
  });
}
