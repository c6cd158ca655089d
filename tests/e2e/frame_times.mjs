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

await drag('plant-DC-stores (default scenario)');
if (willems && fs.existsSync(willems)) {
  const text = fs.readFileSync(willems, 'utf8');
  const ok = await page.evaluate(([n, t]) => Module.ccall('echelon_open_text', 'number', ['string', 'string'], [n, t]),
                                 [path.basename(willems), text]);
  if (ok !== 1) console.log('could not open ' + willems);
  else {
    const targets = await page.evaluate(() => JSON.parse(Module.ccall('echelon_scenario_json', 'string', [], [])).service_targets.length);
    if (targets === 0) console.log(`${path.basename(willems)} has no service targets to drag`);
    else await drag(path.basename(willems));
  }
}
await browser.close();
server.close();
