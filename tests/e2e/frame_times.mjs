// Per-frame compute time while a service level is dragged, in headless Chromium (a measurement,
// not a test). Each frame of the drag changes the target, so the plan is recomputed, as when a
// person drags the slider; once it ends, the plan's search and the simulation run to completion.
//   node tests/e2e/frame_times.mjs --site build/wasm-release/site [--willems ../shared/data/willems/willems_37.csv]
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from './server.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const site = path.resolve(arg('--site', 'build/wasm-release/site'));
const willems = arg('--willems', '');
const server = await startServer(site);
const browser = await chromium.launch({
  executablePath: process.env.ECHELON_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
         '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
});
const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
await page.goto(`http://127.0.0.1:${server.port}/index.html`);
await page.waitForFunction(() => window.echelonReady === true, null, { timeout: 60000 });

// Drags the first service target over 90 frames, then keeps drawing until the plan's search and
// the Monte Carlo have finished: the frames after the drag are part of what the user sees. The
// recorded time of a frame includes the edit made just before it (see echelon_set_service_target).
async function drag(label) {
  const times = await page.evaluate(async () => {
    const ring = 512;
    const ptr = Module._malloc(8 * ring);
    let seen = Module._echelon_frame_count();
    const collect = () => {  // the frame times recorded since the last call
      const now = Module._echelon_frame_count();
      const n = Module._echelon_frame_times(ptr, Math.min(ring, now - seen));
      const out = [];
      for (let i = 0; i < n; i++) out.push(Module.getValue(ptr + 8 * i, 'double'));
      seen = now;
      return out;
    };
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    for (let i = 0; i < 5; i++) await frame();
    collect();
    const frames = 90;
    const during = [];
    for (let f = 0; f < frames; f++) {
      const value = 0.90 + 0.09 * (f / frames);
      Module.ccall('echelon_set_service_target', 'number', ['number', 'number', 'number'], [0, value, f < frames - 1 ? 1 : 0]);
      await frame();
      during.push(...collect());
    }
    const after = [];
    const started = performance.now();
    while (Module._echelon_background_running() && performance.now() - started < 120000) {
      await frame();
      after.push(...collect());
    }
    Module._free(ptr);
    return { during, after };
  });
  const line = (what, values) => {
    if (values.length === 0) return;
    const t = values.slice().sort((a, b) => a - b);
    const at = (q) => t[Math.min(t.length - 1, Math.floor(t.length * q))];
    console.log(`${label}, ${what}: ${t.length} frames, median ${at(0.5).toFixed(2)} ms, p90 ${at(0.9).toFixed(2)} ms, ` +
                `worst ${t[t.length - 1].toFixed(2)} ms (compute per frame)`);
  };
  line('while dragging a service level', times.during);
  line('after the drag until plan and simulation finish', times.after);
}

// Drags a stage with the mouse over 90 frames, as a person moving it on the canvas: a layout-only
// edit, so the frames are drawing (arcs, bundles, labels) and no re-planning. Reports the app's
// compute time per frame and the page's frame-to-frame interval.
async function dragStage(label) {
  await page.waitForFunction(() => Module._echelon_background_running() === 0, null, { timeout: 120000 });
  const at = (await page.evaluate(() => Module.ccall('echelon_node_position', 'string', ['number', 'number'], [0, 1])))
    .split(' ').map(Number);
  const times = await page.evaluate(() => {
    window.__frames = { seen: Module._echelon_frame_count(), ptr: Module._malloc(8 * 512), compute: [], interval: [], last: 0 };
    const tick = (t) => {
      const f = window.__frames;
      if (!f) return;
      const now = Module._echelon_frame_count();
      const n = Module._echelon_frame_times(f.ptr, Math.min(512, now - f.seen));
      for (let i = 0; i < n; i++) f.compute.push(Module.getValue(f.ptr + 8 * i, 'double'));
      f.seen = now;
      if (f.last) f.interval.push(t - f.last);
      f.last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    return true;
  });
  await page.mouse.move(at[0], at[1]);
  await page.mouse.down();
  for (let k = 1; k <= 90; k++) {
    await page.mouse.move(at[0] + 2 * k, at[1] + k);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  }
  await page.mouse.up();
  const result = await page.evaluate(() => {
    const f = window.__frames;
    window.__frames = null;
    Module._free(f.ptr);
    return { compute: f.compute, interval: f.interval };
  });
  const line = (what, values) => {
    if (values.length === 0) return;
    const t = values.slice().sort((a, b) => a - b);
    const q = (x) => t[Math.min(t.length - 1, Math.floor(t.length * x))];
    console.log(`${label}, ${what}: ${t.length} frames, median ${q(0.5).toFixed(2)} ms, p90 ${q(0.9).toFixed(2)} ms, worst ${t[t.length - 1].toFixed(2)} ms`);
  };
  line('dragging a stage, compute per frame', result.compute);
  line('dragging a stage, frame interval', result.interval);
}

await drag('plant-DC-stores (default scenario)');
if (willems && fs.existsSync(willems)) {
  const text = fs.readFileSync(willems, 'utf8');
  const ok = await page.evaluate(([n, t]) => window.echelonOpenText(n, t), [path.basename(willems), text]);
  if (ok !== 1) console.log('could not open ' + willems);
  else {
    const targets = await page.evaluate(() => JSON.parse(Module.ccall('echelon_scenario_json', 'string', [], [])).service_targets.length);
    if (targets === 0) console.log(`${path.basename(willems)} has no service targets to drag`);
    else await drag(path.basename(willems));
    await dragStage(path.basename(willems));
  }
}
await browser.close();
server.close();
