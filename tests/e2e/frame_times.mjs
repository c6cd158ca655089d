// Per-frame compute time while a service level is dragged, in headless Chromium (a measurement,
// not a test). Each frame of the drag changes the target, so the plan is recomputed and the
// simulation restarts, as when a person drags the slider.
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

async function drag(label) {
  const times = await page.evaluate(async () => {
    const frames = 90;
    const ptr = Module._malloc(8 * frames);
    const before = Module._echelon_frame_count();
    for (let f = 0; f < frames; f++) {
      const value = 0.90 + 0.09 * (f / frames);
      Module.ccall('echelon_set_service_target', 'number', ['number', 'number', 'number'], [0, value, f < frames - 1 ? 1 : 0]);
      await new Promise((r) => requestAnimationFrame(r));
    }
    const n = Module._echelon_frame_times(ptr, frames);
    const out = [];
    for (let i = 0; i < n; i++) out.push(Module.getValue(ptr + 8 * i, 'double'));
    Module._free(ptr);
    return { out, frames: Module._echelon_frame_count() - before };
  });
  const t = times.out.slice().sort((a, b) => a - b);
  const median = t[Math.floor(t.length / 2)];
  console.log(`${label}: ${t.length} frames while dragging a service level: median ${median.toFixed(2)} ms, ` +
              `p90 ${t[Math.floor(t.length * 0.9)].toFixed(2)} ms, worst ${t[t.length - 1].toFixed(2)} ms (compute per frame)`);
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
