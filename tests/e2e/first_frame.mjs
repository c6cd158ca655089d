// Measures the time from navigation to the app's first rendered frame in headless Chromium
// (median and range over several fresh page loads). A measurement, not a test.
//   node tests/e2e/first_frame.mjs --site build/wasm-release/site [--loads 5]
import { chromium } from 'playwright-core';
import path from 'node:path';
import { startServer } from './server.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const site = path.resolve(arg('--site', 'build/wasm-release/site'));
const loads = Number(arg('--loads', '5'));
const server = await startServer(site);
const browser = await chromium.launch({
  executablePath: process.env.ECHELON_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
         '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
});
const times = [];
for (let i = 0; i < loads; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${server.port}/index.html`);
  await page.waitForFunction(() => window.echelonReady === true, null, { timeout: 60000 });
  times.push(await page.evaluate(() => window.echelonFirstFrameMs));
  await context.close();
}
await browser.close();
server.close();
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`time to first frame (navigation start -> first rendered frame, ${loads} loads, software WebGL): ` +
            `median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms`);
