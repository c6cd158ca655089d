// Browser end-to-end test of the built static site, in the system's headless Chromium.
//
//   node tests/e2e/run.mjs --site build/wasm-release/site --out build/wasm-release/e2e-artifacts
//
// Serves the site on loopback, waits for the app's first frame, fails on any console error or
// uncaught exception, checks in screenshots that the canvas is not blank, changes inputs through
// the app's test hook and checks that the number the UI shows equals the expected value for those
// inputs. Screenshots stay in the --out folder. Ends with a "N passed, N failed" line.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from './server.mjs';
import { canvasStats } from './png.mjs';

function argValue(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const siteDir = path.resolve(argValue('--site', 'build/wasm-release/site'));
const outDir = path.resolve(argValue('--out', 'build/wasm-release/e2e-artifacts'));
const chromiumPath = process.env.ECHELON_CHROMIUM || '/usr/bin/chromium';
fs.mkdirSync(outDir, { recursive: true });

export const chromiumArgs = [
  '--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-quic', '--disable-default-apps', '--disable-extensions',
];

// The standard normal quantile for the targets the test uses (tables; independent of the app).
const Z = { 0.95: 1.6448536269514722, 0.9: 1.2815515655446004, 0.99: 2.3263478740408408 };
function expectedSafetyStock({ mean, sd, leadTime, sdLeadTime, review, service }) {
  const variance = (leadTime + review) * sd * sd + mean * mean * sdLeadTime * sdLeadTime;
  return Z[service] * Math.sqrt(variance);
}

const results = [];
async function check(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${error && error.message ? error.message : error}`);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function openApp(browser, baseUrl, { deviceScaleFactor = 1, width = 1280, height = 800, path_ = '', context: given } = {}) {
  const context = given || await browser.newContext({ viewport: { width, height }, deviceScaleFactor });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`uncaught exception: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} (${req.failure() ? req.failure().errorText : ''})`));
  page.on('response', (res) => { if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`); });
  await page.goto(`${baseUrl}${path_ || '/index.html'}`);
  await page.waitForFunction(() => window.echelonReady === true, null, { timeout: 60000 });
  return { context, page, problems };
}

// Renders a few frames after an edit so that the shown text reflects it.
async function settle(page) {
  await page.evaluate(() => new Promise((resolve) => {
    Module._echelon_wake(3);
    const target = Module._echelon_frame_count() + 2;
    const poll = () => (Module._echelon_frame_count() >= target ? resolve() : requestAnimationFrame(poll));
    requestAnimationFrame(poll);
  }));
}

async function setField(page, name, value) {
  return page.evaluate(([n, v]) => Module.ccall('echelon_set_field', 'number', ['string', 'number'], [n, v]), [name, value]);
}
async function shown(page, key) {
  return page.evaluate((k) => Module.ccall('echelon_shown_text', 'string', ['string'], [k]), key);
}

async function hook(page, name, types, args, returns = 'number') {
  return page.evaluate(([n, t, a, r]) => Module.ccall(n, r, t, a), [name, types, args, returns]);
}
async function selectTab(page, tab) {
  await hook(page, 'echelon_select_tab', ['number'], [tab], null);
  await settle(page);
}
// The centre of a control in CSS pixels (the app records rectangles in framebuffer pixels).
async function controlCentre(page, key) {
  const rect = await shown(page, 'rect:' + key);
  if (!rect) throw new Error(`control ${key} is not on screen`);
  const [x, y, w, h] = rect.split(' ').map(Number);
  const ratio = await page.evaluate(() => window.devicePixelRatio);
  return { x: (x + w / 2) / ratio, y: (y + h / 2) / ratio };
}

async function screenshotStats(page, file) {
  const buffer = await page.screenshot({ path: path.join(outDir, file) });
  return canvasStats(buffer);
}

const server = await startServer(siteDir);
const baseUrl = `http://127.0.0.1:${server.port}`;
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });

try {
  const { context, page, problems } = await openApp(browser, baseUrl);

  await check('first frame renders a non-blank canvas', async () => {
    const stats = await screenshotStats(page, 'default-1280x800.png');
    // A blank canvas is one colour; the panel has text, sliders and a chart in many colours.
    assert(stats.distinctColors > 50, `only ${stats.distinctColors} distinct colours: the canvas looks blank`);
    assert(stats.nonBackgroundShare > 0.2, `only ${(100 * stats.nonBackgroundShare).toFixed(1)}% of pixels differ from the background`);
  });

  await check('default network renders with a plan and a running simulation', async () => {
    await page.waitForFunction(() => Module._echelon_simulation_done() > 0, null, { timeout: 30000 });
    await settle(page);
    const cost = await shown(page, 'plan_cost_per_year');
    assert(cost.length > 0, 'no plan cost shown');
    const fill = await shown(page, 'sim_fill_rate');
    assert(/%/.test(fill), `no simulated fill rate shown (got "${fill}")`);
    await screenshotStats(page, 'network-simulation-1280x800.png');
  });

  await check('changing a service level changes the plan cost', async () => {
    const before = await shown(page, 'plan_cost_per_year');
    assert(await hook(page, 'echelon_set_service_target', ['number', 'number', 'number'], [0, 0.995, 1]) === 1, 'target edit refused');
    assert(await hook(page, 'echelon_set_service_target', ['number', 'number', 'number'], [0, 0.999, 0]) === 1, 'target edit refused');
    await settle(page);
    const after = await shown(page, 'plan_cost_per_year');
    assert(after !== before, `plan cost stayed at ${before}`);
    assert(await hook(page, 'echelon_undo', [], []) === 1, 'undo failed');
    await settle(page);
    const undone = await shown(page, 'plan_cost_per_year');
    assert(undone === before, `undo gave ${undone}, expected ${before}`);
  });

  await check('adding and removing a stage', async () => {
    const count = await hook(page, 'echelon_node_count', [], []);
    assert(await hook(page, 'echelon_add_stage', ['string'], ['dc']) === 1, 'add refused');
    assert(await hook(page, 'echelon_node_count', [], []) === count + 1, 'stage not added');
    assert(await hook(page, 'echelon_remove_stage', ['number'], [count]) === 1, 'remove refused');
    assert(await hook(page, 'echelon_node_count', [], []) === count, 'stage not removed');
  });

  await check('save then open gives the same scenario', async () => {
    const saved = await hook(page, 'echelon_scenario_json', [], [], 'string');
    assert(saved.includes('"echelon-scenario"'), 'saved text is not a scenario file');
    assert(await hook(page, 'echelon_open_text', ['string', 'string'], ['saved.json', saved]) === 1, 'reopening failed');
    const again = await hook(page, 'echelon_scenario_json', [], [], 'string');
    assert(again === saved, 'the reopened scenario differs from the saved one');
  });

  await check('a malformed file shows an error and keeps the scenario', async () => {
    const before = await hook(page, 'echelon_scenario_json', [], [], 'string');
    const bad = '{"format": "echelon-scenario", "version": 1, "name": "x", "nodes": [{"id": 3}]}';
    assert(await hook(page, 'echelon_open_text', ['string', 'string'], ['bad.json', bad]) === 0, 'a malformed file was accepted');
    const status = await hook(page, 'echelon_status', [], [], 'string');
    assert(/failed/.test(status) && /\//.test(status), `status "${status}" does not name the problem`);
    const after = await hook(page, 'echelon_scenario_json', [], [], 'string');
    assert(after === before, 'the scenario changed after a refused file');
    await settle(page);
    await screenshotStats(page, 'malformed-file-1280x800.png');
  });

  await check('every panel renders (screenshots)', async () => {
    await hook(page, 'echelon_select_node', ['number'], [3], null);
    for (const [tab, name] of [[0, 'simulation'], [1, 'plan-by-stage'], [2, 'single-location']]) {
      await selectTab(page, tab);
      const stats = await screenshotStats(page, `panel-${name}-1280x800.png`);
      assert(stats.distinctColors > 50, `panel ${name} looks blank`);
    }
  });

  await check('default scenario shows the core safety stock', async () => {
    await selectTab(page, 2);
    const expected = expectedSafetyStock({ mean: 100, sd: 20, leadTime: 5, sdLeadTime: 1, review: 1, service: 0.95 });
    const text = await shown(page, 'safety_stock');
    assert(text === expected.toFixed(2), `shows "${text}", expected ${expected.toFixed(2)}`);
  });

  await check('an edit changes the shown numbers to the expected values', async () => {
    assert(await setField(page, 'cycle_service_level', 0.99) === 1, 'edit of cycle_service_level rejected');
    assert(await setField(page, 'sd_lead_time_periods', 2) === 1, 'edit of sd_lead_time_periods rejected');
    assert(await setField(page, 'mean_demand_per_period', 40) === 1, 'edit of mean_demand_per_period rejected');
    await settle(page);
    const expected = expectedSafetyStock({ mean: 40, sd: 20, leadTime: 5, sdLeadTime: 2, review: 1, service: 0.99 });
    const text = await shown(page, 'safety_stock');
    assert(text === expected.toFixed(2), `shows "${text}", expected ${expected.toFixed(2)}`);
    await screenshotStats(page, 'after-edit-1280x800.png');
  });

  await check('typing into a field through the keyboard updates the result', async () => {
    // Click the typed box of "Demand per day, mean" where the app drew it, and type like a person.
    const box = await page.evaluate(() => {
      const canvas = document.getElementById('canvas');
      const r = canvas.getBoundingClientRect();
      return { x: r.left, y: r.top, w: r.width, h: r.height };
    });
    const centre = await controlCentre(page, 'typed:mean_demand_per_period');
    await page.mouse.click(box.x + centre.x, box.y + centre.y);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('250');
    await page.keyboard.press('Enter');
    await settle(page);
    const expected = expectedSafetyStock({ mean: 250, sd: 20, leadTime: 5, sdLeadTime: 2, review: 1, service: 0.99 });
    const text = await shown(page, 'safety_stock');
    assert(text === expected.toFixed(2), `shows "${text}", expected ${expected.toFixed(2)} after typing 250`);
  });

  await check('invalid input keeps the last good numbers and names the field', async () => {
    const before = await shown(page, 'safety_stock');
    assert(await setField(page, 'sd_demand_per_period', -5) === 0, 'a negative standard deviation was accepted');
    await settle(page);
    const after = await shown(page, 'safety_stock');
    assert(after === before, `result changed from ${before} to ${after} after a rejected edit`);
    const message = await page.evaluate(() => Module.ccall('echelon_field_problem', 'string', ['string'], ['sd_demand_per_period']));
    assert(/negative/.test(message), `message "${message}" does not explain the problem`);
    await screenshotStats(page, 'rejected-edit-1280x800.png');
    assert(await setField(page, 'sd_demand_per_period', 20) === 1, 'restoring the value was rejected');
  });

  await check('a reload restores the autosaved scenario', async () => {
    assert(await hook(page, 'echelon_add_stage', ['string'], ['store']) === 1, 'add refused');
    await settle(page);
    const before = await hook(page, 'echelon_scenario_json', [], [], 'string');
    await page.reload();
    await page.waitForFunction(() => window.echelonReady === true, null, { timeout: 60000 });
    const after = await hook(page, 'echelon_scenario_json', [], [], 'string');
    assert(after === before, 'the scenario after reload differs from the one before');
  });

  await check('a shared link reopens the scenario', async () => {
    const json = await hook(page, 'echelon_scenario_json', [], [], 'string');
    await page.evaluate((j) => window.echelonCopyLink(j), json);
    const link = await page.evaluate(() => window.echelonLastLink);
    assert(/#z=|#j=/.test(link), `no scenario in the link ${link}`);
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const other = await openApp(browser, baseUrl, { context: fresh, path_: link.slice(link.indexOf('/index.html')) });
    const opened = await hook(other.page, 'echelon_scenario_json', [], [], 'string');
    assert(opened === json, 'the linked scenario differs');
    assert(other.problems.length === 0, other.problems.join('\n'));
    await fresh.close();
  });

  await check('no console errors or uncaught exceptions', async () => {
    assert(problems.length === 0, problems.join('\n'));
  });
  await context.close();

  await check('renders at devicePixelRatio 2 with a canvas of physical size', async () => {
    const app = await openApp(browser, baseUrl, { deviceScaleFactor: 2 });
    const size = await app.page.evaluate(() => [document.getElementById('canvas').width, document.getElementById('canvas').height]);
    assert(size[0] === 2560 && size[1] === 1600, `canvas backing store is ${size[0]}x${size[1]}, expected 2560x1600`);
    const stats = await screenshotStats(app.page, 'default-1280x800-dpr2.png');
    assert(stats.distinctColors > 50, `only ${stats.distinctColors} distinct colours at DPR 2`);
    assert(app.problems.length === 0, app.problems.join('\n'));
    await app.context.close();
  });

  await check('first frame at 1920x1080', async () => {
    const app = await openApp(browser, baseUrl, { width: 1920, height: 1080 });
    const stats = await screenshotStats(app.page, 'default-1920x1080.png');
    assert(stats.distinctColors > 50, `only ${stats.distinctColors} distinct colours at 1920x1080`);
    assert(app.problems.length === 0, app.problems.join('\n'));
    await app.context.close();
  });
} finally {
  await browser.close();
  server.close();
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`screenshots in ${outDir}`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && results.length > 0 ? 0 : 1);
