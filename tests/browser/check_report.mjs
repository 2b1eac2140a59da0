#!/usr/bin/env node
// Opens a relocsim report (report.html or compare.html) in headless Chromium and checks it the way
// a reader's browser would see it:
//   - no console errors, no uncaught exceptions, no error log entries;
//   - no network requests at all: any request other than the file itself fails the check
//     (name resolution is also disabled, so nothing can leave the machine);
//   - the charts hold the expected series (DOM queries listed in an --expect JSON file), every
//     drawn series has a visible shape, and every chart has a visible size.
// Optionally saves a full-page PNG screenshot or an A4 PDF.
//
// Uses Debian's Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe), so it
// needs Node.js and nothing from npm.
//
//   node check_report.mjs [--expect EXPECT.json] [--screenshot OUT.png] [--pdf OUT.pdf]
//                         [--width 1040] [--clip Y:HEIGHT | --element CSS] REPORT.html
//
// Exit: 0 all checks passed, 1 a check failed, 2 usage, 77 skipped (Chromium not installed).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const SKIP = 77;

function parseArgs(argv) {
  const opts = { expect: null, screenshot: null, pdf: null, width: 1040, clip: null, element: null,
                 page: null };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--expect') opts.expect = argv[++i];
    else if (a === '--screenshot') opts.screenshot = argv[++i];
    else if (a === '--pdf') opts.pdf = argv[++i];
    else if (a === '--width') opts.width = Number(argv[++i]);
    else if (a === '--clip') opts.clip = argv[++i].split(':').map(Number);
    else if (a === '--element') opts.element = argv[++i];
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else if (opts.page === null) opts.page = a;
    else usage(`unexpected argument ${a}`);
  }
  if (opts.page === null) usage('no page given');
  return opts;
}

function usage(message) {
  console.error(`check_report: ${message}`);
  console.error('usage: check_report.mjs [--expect EXPECT.json] [--screenshot OUT.png] ' +
                '[--pdf OUT.pdf] [--width PX] REPORT.html');
  process.exit(2);
}

// RELOCSIM_CHROMIUM, when set, is the only browser tried (set it to a missing path to skip).
function findChromium() {
  const candidates = process.env.RELOCSIM_CHROMIUM
    ? [process.env.RELOCSIM_CHROMIUM]
    : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p) => existsSync(p)) ?? null;
}

// A DevTools protocol client over Chromium's pipe: JSON messages separated by NUL bytes.
class Cdp {
  constructor(proc) {
    this.out = proc.stdio[3];
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = [];
    let buffer = Buffer.alloc(0);
    proc.stdio[4].on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      let end;
      while ((end = buffer.indexOf(0)) >= 0) {
        const message = JSON.parse(buffer.subarray(0, end).toString('utf8'));
        buffer = buffer.subarray(end + 1);
        this.dispatch(message);
      }
    });
  }

  dispatch(message) {
    if (message.id !== undefined) {
      const p = this.pending.get(message.id);
      if (!p) return;
      this.pending.delete(message.id);
      if (message.error) p.reject(new Error(`${p.method}: ${message.error.message}`));
      else p.resolve(message.result);
      return;
    }
    for (const listener of this.listeners) listener(message);
  }

  send(method, params = {}, sessionId = undefined) {
    const id = this.nextId++;
    const message = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    this.out.write(JSON.stringify(message) + '\0');
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject, method }));
  }

  on(listener) { this.listeners.push(listener); }
}

// Runs in the page: measures what the reader sees.
function inspectPage(selectors) {
  const count = {};
  for (const s of selectors) count[s] = document.querySelectorAll(s).length;
  const charts = [...document.querySelectorAll('svg[data-chart]')];
  const emptyCharts = charts.filter((svg) => {
    const r = svg.getBoundingClientRect();
    return !(r.width > 50 && r.height > 30);
  }).map((svg) => svg.dataset.chart);
  const series = [...document.querySelectorAll('path.series')];
  const emptySeries = series.filter((p) => {
    const box = p.getBBox();
    return !(p.getAttribute('d') && (box.width > 0 || box.height > 0));
  }).map((p) => p.dataset.series);
  return {
    count,
    charts: charts.map((svg) => svg.dataset.chart),
    series: series.map((p) => p.dataset.series),
    emptyCharts,
    emptySeries,
    title: document.title,
    text: document.body.innerText,
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const page = resolve(opts.page);
  if (!existsSync(page)) {
    console.error(`check_report: ${page}: no such file`);
    return 1;
  }
  const expect = opts.expect ? JSON.parse(readFileSync(opts.expect, 'utf8')) : {};
  const chromium = findChromium();
  if (!chromium) {
    console.log('check_report: SKIPPED: Chromium not found (scripts/setup.sh --with-browser ' +
                'installs it, or set RELOCSIM_CHROMIUM)');
    return SKIP;
  }

  const profile = mkdtempSync(join(tmpdir(), 'relocsim-chromium-'));
  const proc = spawn(chromium, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-default-apps', '--disable-extensions', '--no-default-browser-check',
    '--host-resolver-rules=MAP * ~NOTFOUND', '--hide-scrollbars', '--mute-audio',
    `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((res) => proc.on('exit', res));
  const guard = setTimeout(() => {
    console.error('check_report: FAILED: timed out after 60 s');
    proc.kill('SIGKILL');
    process.exit(1);
  }, 60000);

  const failures = [];
  const requests = new Set();
  const pageUrl = pathToFileURL(page).href;
  try {
    const cdp = new Cdp(proc);
    const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
    let loaded;
    const loadFired = new Promise((res) => { loaded = res; });
    cdp.on((m) => {
      if (m.sessionId !== sessionId) return;
      const p = m.params;
      switch (m.method) {
        case 'Network.requestWillBeSent':
          requests.add(p.request.url);
          break;
        case 'Fetch.requestPaused':
          // Only the page itself may load; everything else is refused before it leaves.
          if (p.request.url === pageUrl) {
            cdp.send('Fetch.continueRequest', { requestId: p.requestId }, sessionId).catch(() => {});
          } else {
            requests.add(p.request.url);
            cdp.send('Fetch.failRequest', { requestId: p.requestId, errorReason: 'BlockedByClient' },
                     sessionId).catch(() => {});
          }
          break;
        case 'Runtime.consoleAPICalled':
          if (p.type === 'error' || p.type === 'assert') {
            failures.push(`console.${p.type}: ${p.args.map((a) => a.value ?? a.description).join(' ')}`);
          }
          break;
        case 'Runtime.exceptionThrown':
          failures.push(`uncaught exception: ${p.exceptionDetails.exception?.description ??
                                               p.exceptionDetails.text}`);
          break;
        case 'Log.entryAdded':
          if (p.entry.level === 'error') failures.push(`console error: ${p.entry.text} ${p.entry.url ?? ''}`);
          break;
        case 'Page.loadEventFired':
          loaded();
          break;
        default:
          break;
      }
    });
    for (const domain of ['Runtime.enable', 'Log.enable', 'Network.enable', 'Page.enable']) {
      await cdp.send(domain, {}, sessionId);
    }
    await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] }, sessionId);
    await cdp.send('Emulation.setDeviceMetricsOverride',
                   { width: opts.width, height: 900, deviceScaleFactor: 1, mobile: false }, sessionId);
    await cdp.send('Page.navigate', { url: pageUrl }, sessionId);
    await loadFired;
    await new Promise((res) => setTimeout(res, 300));  // late requests and console messages

    const selectors = Object.keys(expect.selectors ?? {});
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      expression: `(${inspectPage.toString()})(${JSON.stringify(selectors)})`,
      returnByValue: true,
    }, sessionId);
    if (exceptionDetails) throw new Error(`inspecting the page: ${exceptionDetails.text}`);
    const seen = result.value;

    for (const url of requests) {
      if (url !== pageUrl) failures.push(`network request: ${url}`);
    }
    for (const [selector, rule] of Object.entries(expect.selectors ?? {})) {
      const n = seen.count[selector];
      if (rule.min !== undefined && n < rule.min) failures.push(`${selector}: ${n} found, expected at least ${rule.min}`);
      if (rule.max !== undefined && n > rule.max) failures.push(`${selector}: ${n} found, expected at most ${rule.max}`);
    }
    for (const text of expect.texts ?? []) {
      if (!seen.text.includes(text)) failures.push(`text not shown: ${JSON.stringify(text)}`);
    }
    if (expect.title && !seen.title.includes(expect.title)) failures.push(`title "${seen.title}" lacks "${expect.title}"`);
    for (const c of seen.emptyCharts) failures.push(`chart ${c} has no visible size`);
    for (const s of seen.emptySeries) failures.push(`series ${s} draws nothing`);
    if (seen.charts.length === 0) failures.push('no charts (svg[data-chart]) on the page');

    if (opts.screenshot) {
      const metrics = await cdp.send('Page.getLayoutMetrics', {}, sessionId);
      const height = Math.ceil(metrics.cssContentSize.height);
      await cdp.send('Emulation.setDeviceMetricsOverride',
                     { width: opts.width, height, deviceScaleFactor: 1, mobile: false }, sessionId);
      const params = { format: 'png', captureBeyondViewport: true };
      if (opts.clip) {
        params.clip = { x: 0, y: opts.clip[0], width: opts.width, height: opts.clip[1], scale: 1 };
      } else if (opts.element) {
        const box = await cdp.send('Runtime.evaluate', {
          expression: `(() => { const e = document.querySelector(${JSON.stringify(opts.element)});
            if (!e) return null; const r = e.getBoundingClientRect();
            return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height }; })()`,
          returnByValue: true,
        }, sessionId);
        if (!box.result.value) throw new Error(`--element ${opts.element}: not on the page`);
        params.clip = { ...box.result.value, scale: 1 };
      }
      const shot = await cdp.send('Page.captureScreenshot', params, sessionId);
      writeFileSync(opts.screenshot, Buffer.from(shot.data, 'base64'));
      console.log(`check_report: screenshot ${opts.screenshot} (${opts.width}x${height})`);
    }
    if (opts.pdf) {
      const pdf = await cdp.send('Page.printToPDF', {
        paperWidth: 8.27, paperHeight: 11.69, printBackground: true, preferCSSPageSize: true,
      }, sessionId);
      writeFileSync(opts.pdf, Buffer.from(pdf.data, 'base64'));
      console.log(`check_report: PDF ${opts.pdf}`);
    }
    console.log(`check_report: ${page}: ${seen.charts.length} charts, ${seen.series.length} ` +
                `series, ${requests.size} requests`);
    await cdp.send('Browser.close').catch(() => {});
  } catch (e) {
    failures.push(`${e.message}${stderr ? `\nchromium: ${stderr.slice(-2000)}` : ''}`);
    proc.kill('SIGKILL');
  }
  await exited;
  clearTimeout(guard);
  rmSync(profile, { recursive: true, force: true });
  for (const f of failures) console.error(`check_report: FAILED: ${f}`);
  if (failures.length === 0) console.log('check_report: all checks passed');
  return failures.length === 0 ? 0 : 1;
}

process.exitCode = await main();
