// Clicks every link of an HTML report in headless Chromium, over the
// DevTools protocol, and fails if any link could run script or leave
// http(s) and relative addresses. Run by .ci/link-report.sh.
//
// For each `a[href]`: its written href must be `http://`, `https://` or a
// relative `./` path; the page is loaded afresh, the link clicked as a user
// would (the page's own Content-Security-Policy in force), and the
// navigation it starts must go to http:, https: or file: (a relative path
// from a file:// page). A dialog (`alert`) fails the check: script ran.
// Every network request is failed before it leaves the machine: the check
// sees where a click goes without going there.
//
// Usage: node --experimental-websocket link-report-click.js CHROMIUM PAGE_URL
// Prints one line per link; exits 1 on any failure.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const [chromium, page] = process.argv.slice(2);
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'link-report-click-'));
const browser = spawn(chromium, [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-quic',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // No name resolves: nothing a click asks for can reach the internet.
  '--host-resolver-rules=MAP * ~NOTFOUND',
  `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank',
], { stdio: ['ignore', 'ignore', 'pipe'] });

const failures = [];
const fail = (what) => { failures.push(what); console.log(`FAIL ${what}`); };
// The profile is removed once the browser has stopped writing to it.
const finish = (code) => {
  browser.once('exit', () => {
    // Chromium's helper processes can still be writing to the profile when the
    // browser exits: removing a temporary folder is best effort and never decides
    // the check's result.
    try {
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch (e) {
      console.log(`note: could not remove ${profile}: ${e.code}`);
    }
    process.exit(code);
  });
  browser.kill();
};
setTimeout(() => { console.log('FAIL the check did not finish in 120 s'); finish(1); }, 120000).unref();

let log = '';
browser.stderr.on('data', (chunk) => {
  log += chunk;
  const found = log.match(/DevTools listening on (ws:\/\/\S+)/);
  if (found && !started) { started = true; run(found[1]).catch((e) => { console.log(`FAIL ${e.stack}`); finish(1); }); }
});
let started = false;

async function run(endpoint) {
  const socket = new WebSocket(endpoint);
  await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
  let next = 0;
  const pending = new Map();
  const listeners = new Set();
  socket.onmessage = (message) => {
    const m = JSON.parse(message.data);
    if (m.id && pending.has(m.id)) {
      const { resolve, reject } = pending.get(m.id);
      pending.delete(m.id);
      if (m.error) reject(new Error(JSON.stringify(m.error))); else resolve(m.result);
    } else if (m.method) {
      for (const l of [...listeners]) l(m);
    }
  };
  let session;
  const send = (method, params = {}) => new Promise((resolve, reject) => {
    const id = ++next;
    pending.set(id, { resolve, reject });
    socket.send(JSON.stringify({ id, method, params, sessionId: session }));
  });
  // The first event matching `pick`, or null after `ms`.
  const event = (pick, ms) => new Promise((resolve) => {
    const listener = (m) => { if (pick(m)) { listeners.delete(listener); resolve(m); } };
    listeners.add(listener);
    setTimeout(() => { listeners.delete(listener); resolve(null); }, ms);
  });

  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  ({ sessionId: session } = await send('Target.attachToTarget', { targetId, flatten: true }));
  const dialogs = [];
  const requested = [];
  listeners.add((m) => {
    if (m.method === 'Page.javascriptDialogOpening') {
      dialogs.push(m.params.message);
      send('Page.handleJavaScriptDialog', { accept: true }).catch(() => {});
    } else if (m.method === 'Fetch.requestPaused') {
      const url = m.params.request.url;
      // A request the next navigation cancelled cannot be answered: nothing to do.
      if (url === page) send('Fetch.continueRequest', { requestId: m.params.requestId }).catch(() => {});
      else { requested.push(url); send('Fetch.failRequest', { requestId: m.params.requestId, errorReason: 'BlockedByClient' }).catch(() => {}); }
    }
  });
  await send('Page.enable');
  await send('Runtime.enable');
  await send('Fetch.enable', { patterns: [{ urlPattern: '*' }] });
  const evaluate = async (expression) =>
    (await send('Runtime.evaluate', { expression, returnByValue: true, userGesture: true })).result.value;
  // The report, loaded afresh: the previous click's error page may still
  // fire its own load event, so the check is on the document itself.
  // A blocked click's error page can also commit after the navigation asked
  // here, so a load that does not arrive is asked for again.
  const load = async () => {
    const ready = `location.href === ${JSON.stringify(page)} && document.readyState === 'complete'`;
    for (let attempt = 0; attempt < 5; attempt++) {
      await send('Page.navigate', { url: page }).catch(() => {});
      for (let tries = 0; tries < 20; tries++) {
        if (await evaluate(ready).catch(() => false)) return;
        await event((m) => m.method === 'Page.loadEventFired', 200);
      }
    }
    throw new Error(`${page} did not load`);
  };

  await load();
  const links = await evaluate("[...document.querySelectorAll('a[href]')].map(a => [a.getAttribute('href'), a.href])");
  if (links.length === 0) fail('the page has no link to click');
  for (const [i, [written, resolved]] of links.entries()) {
    if (!/^(https?:\/\/|\.\/)/.test(written)) fail(`link ${i} is written ${JSON.stringify(written)}`);
    await load();
    const before = dialogs.length;
    const navigation = event((m) => m.method === 'Page.frameRequestedNavigation' || m.method === 'Page.javascriptDialogOpening', 3000);
    const clicked = await evaluate(`(a => a ? (a.click(), true) : false)(document.querySelectorAll('a[href]')[${i}])`);
    if (!clicked) fail(`link ${i} is missing from the reloaded page`);
    const went = await navigation;
    const to = went && went.method === 'Page.frameRequestedNavigation' ? went.params.url : null;
    if (dialogs.length > before) fail(`clicking ${JSON.stringify(written)} ran script (a dialog said ${JSON.stringify(dialogs.at(-1))})`);
    if (to === null) fail(`clicking ${JSON.stringify(written)} went nowhere`);
    else if (!/^(https?|file):/.test(to)) fail(`clicking ${JSON.stringify(written)} went to ${JSON.stringify(to)}`);
    console.log(`clicked ${written} -> ${to}`);
  }
  const blocked = requested.filter((u) => !u.startsWith('file:'));
  console.log(`${links.length} links clicked; ${blocked.length} network requests blocked before leaving the machine`);
  finish(failures.length === 0 ? 0 : 1);
}
