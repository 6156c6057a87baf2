// The analyst's page in headless Chromium (playwright-core from Host/Web/node_modules, Debian's /usr/bin/chromium),
// against a running `fraudstream run`. Driven by AnalystViewBrowserTests, which starts the service, produces the
// traffic and checks Redis; this script talks to it over stdout ("labelled <number>") and exits non-zero on any failure.
// Environment: BASE_URL, TOKEN, SUSPECT (labelled before the run, already calling), EXPLAINED (an ml_fraud alert's
// number), TARGET (the analyst labels it here), REFUSED (a write without the token is tried on it), SCREENSHOT, CHROMIUM.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../../../Host/Web/package.json'));
const { chromium } = require('playwright-core');

const env = name => process.env[name] ?? (() => { throw new Error(`${name} is not set`); })();
const [base, token, suspect, explained, target, refused] = ['BASE_URL', 'TOKEN', 'SUSPECT', 'EXPLAINED', 'TARGET', 'REFUSED'].map(env);
const long = 90_000; // generous: a loaded 2-core machine

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const problems = [];
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(long);
  page.on('pageerror', e => problems.push('page error: ' + e.message));
  // Failed loads are judged by their responses below (the refused write is expected); every other console error is a problem.
  page.on('console', m => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push('console error: ' + m.text()); });
  const expectedRefusal = `/api/numbers/${encodeURIComponent(refused)}/label`;
  page.on('response', r => { if (r.status() >= 400 && !r.url().endsWith(expectedRefusal)) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on('requestfailed', r => { if (!r.url().includes('/api/alerts/stream')) problems.push('request failed: ' + r.url()); });
  page.on('request', r => { if (!r.url().startsWith(base)) problems.push('request to another origin: ' + r.url()); });

  const step = text => console.log('step: ' + text);
  await page.goto(base);
  await page.waitForSelector('#status.live');
  step('page loaded, stream live');

  // Alerts arrive: the suspect's blocklisted alert from the pipeline, the explained ml_fraud alert from the topic.
  const row = (number, kind) => `#alert-rows tr[data-number="${number}"][data-kind="${kind}"]`;
  await page.waitForSelector(row(suspect, 'blocklisted'));
  await page.waitForSelector(row(explained, 'ml_fraud'));
  step('alerts arrived');

  // The counters the chart is fed from show the scored events.
  for (const name of ['events scored', 'calls blocked']) // the suspect's call was scored and blocked
    await page.waitForFunction(n => Number(document.querySelector(`[data-counter="${n}"] b`)?.textContent.replace(/,/g, '')) > 0, name);
  await page.waitForFunction(() => window.Chart && document.getElementById('decisions-chart').getAttribute('height'));
  step('counters and chart shown');

  // Filters: kind, then number, then cleared.
  await page.selectOption('#filter-kind', 'ml_fraud');
  const kinds = await page.$$eval('#alert-rows tr', rows => rows.map(r => r.dataset.kind));
  if (kinds.length === 0 || kinds.some(k => k !== 'ml_fraud')) throw new Error('kind filter shows ' + kinds.join(','));
  await page.selectOption('#filter-kind', '');
  await page.fill('#filter-number', suspect);
  const shown = await page.$$eval('#alert-rows tr', rows => rows.map(r => r.textContent));
  if (shown.length === 0 || shown.some(text => !text.includes(suspect))) throw new Error('number filter shows ' + shown.join(' | '));
  await page.fill('#filter-number', explained);
  await page.waitForSelector(row(explained, 'ml_fraud'));
  await page.selectOption('#filter-severity', 'high');
  if ((await page.$$(row(explained, 'ml_fraud'))).length !== 0) throw new Error('severity filter (high) still shows a medium alert');
  await page.selectOption('#filter-severity', 'low');
  await page.fill('#filter-number', '');
  step('filters by kind, number and severity');

  // Pause holds new alerts back; resume shows them.
  await page.click('#pause');
  await page.waitForSelector('#status.paused');
  await page.click('#pause');
  await page.waitForSelector('#status.live');
  step('pause and resume');

  // One alert opened: reasons, score, explanation bars, source record.
  await page.click(row(explained, 'ml_fraud'));
  await page.waitForSelector('#alert-detail:not([hidden])');
  const bars = await page.$$eval('#alert-explanation .bar', b => b.map(x => x.textContent));
  if (bars.length !== 3 || !bars[0].startsWith('night_share_1h')) throw new Error('explanation bars: ' + JSON.stringify(bars));
  const facts = await page.textContent('#alert-facts');
  if (!facts.includes('telco.cdr.v1 partition 0 offset 4242')) throw new Error('source record missing: ' + facts);
  if (!(await page.textContent('#alert-reasons')).includes('model_score')) throw new Error('reasons missing');
  step('alert explanation opened');

  // A write without the token is refused.
  await page.fill('#number-input', refused);
  await page.click('#number-open button');
  await page.waitForSelector('#number-detail:not([hidden])');
  await page.fill('#label-reason', 'no token');
  await page.click('#label-form button');
  await page.waitForFunction(() => document.getElementById('action-result').textContent.includes('refused (401)'));
  step('write without the token refused');

  // The analyst labels the target with the token; its next call must be blocked.
  await page.fill('#token', token);
  await page.dispatchEvent('#token', 'change');
  await page.fill('#number-input', target);
  await page.click('#number-open button');
  await page.waitForFunction(t => document.getElementById('number-title').textContent === t, target);
  await page.selectOption('#label-category', 'fraud');
  await page.selectOption('#label-source', 'police');
  await page.fill('#label-reason', 'case web-22');
  await page.fill('#label-ttl', '1h');
  await page.click('#label-form button');
  await page.waitForFunction(() => document.getElementById('action-result').textContent.startsWith('label: done'));
  await page.waitForFunction(() => document.getElementById('number-label').textContent.startsWith('labelled fraud (action block, source police'));
  console.log('labelled ' + target);
  await page.waitForSelector(`${row(target, 'blocklisted')} td.action-block`);
  console.log('blocked ' + await page.getAttribute(row(target, 'blocklisted'), 'data-record-id'));
  step('the target\'s next call blocked');

  // The number panel lists its alerts and the audit trail of the change.
  await page.click(row(target, 'blocklisted'));
  await page.click('#alert-facts .number-link');
  await page.waitForFunction(() => document.getElementById('number-audit').textContent.includes('case web-22'));
  await page.waitForFunction(() => document.getElementById('number-alerts').textContent.includes('blocklisted'));
  // The screenshot for the README: the explained alert opened beside the labelled number, from the top.
  await page.click(row(explained, 'ml_fraud'));
  await page.waitForFunction(() => document.querySelectorAll('#alert-explanation .bar').length === 3);
  await page.evaluate(() => window.scrollTo(0, 0));
  if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
  if (problems.length) throw new Error(problems.join('\n'));
  console.log('ok');
} catch (e) {
  console.error(e.stack ?? String(e));
  if (problems.length) console.error(problems.join('\n'));
  process.exitCode = 1;
} finally {
  await browser.close();
}
