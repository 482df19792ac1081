// The banner configurations vendex writes, loaded with the real
// vanilla-cookieconsent and Klaro in Debian's Chromium (playwright-core
// drives it; no browser is downloaded). .ci/browser-banner.sh generates
// the files into a directory and runs: node banner.test.js DIR
//
// Every request goes through page.route: the test pages are served as
// https://www.vendex-shop.test/, and each vendor script the tags name
// answers with a line that records it ran (window.__ran), so the generated
// tags are loaded exactly as written, and nothing leaves the machine.
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const dir = process.argv[2];
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SITE = 'https://www.vendex-shop.test';
const lib = (p) => fs.readFileSync(require.resolve(p), 'utf8');
const out = (f) => fs.readFileSync(path.join(dir, f), 'utf8');

const files = {
  '/cookieconsent.css': ['text/css', lib('vanilla-cookieconsent/dist/cookieconsent.css')],
  '/cookieconsent.umd.js': ['text/javascript', lib('vanilla-cookieconsent/dist/cookieconsent.umd.js')],
  '/klaro.js': ['text/javascript', lib('klaro/dist/klaro.js')],
};
for (const f of fs.readdirSync(dir)) {
  if (f.endsWith('.js')) files['/gen/' + f] = ['text/javascript', out(f)];
}

// page is a test page: the tags vendex rewrote, the configuration, the library.
function page(name, head, body) {
  files['/' + name] = ['text/html', `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">${head}</head><body><h1>Shop</h1>${body}</body></html>`];
  return SITE + '/' + name;
}
const ccPage = (cfg, tags) => page(`cc-${cfg}.html`, '<link rel="stylesheet" href="/cookieconsent.css">',
  `${tags}<script src="/cookieconsent.umd.js"></script><script src="/gen/${cfg}"></script>`);
const klaroPage = (cfg, tags) => page(`klaro-${cfg}.html`, '', `${tags}<script src="/gen/${cfg}"></script><script defer src="/klaro.js"></script>`);

// The tags' scripts, by category, read from the generated tags.
function tagScripts(html, attr) {
  const re = new RegExp(`<script [^>]*>`, 'g');
  const out = [];
  for (const m of html.match(re) || []) {
    const get = (a) => (m.match(new RegExp(`${a}="([^"]*)"`)) || [])[1];
    out.push({ category: get('data-category'), service: get('data-service') || get('data-name'), src: get(attr).replace(/&amp;/g, '&') });
  }
  return out;
}

async function open(browser, url) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  await context.route('**/*', async (route) => {
    const u = new URL(route.request().url());
    if (u.origin === SITE && files[u.pathname]) {
      const [type, body] = files[u.pathname];
      return route.fulfill({ status: 200, contentType: type, body });
    }
    if (route.request().resourceType() === 'script') {
      return route.fulfill({ status: 200, contentType: 'text/javascript',
        body: `(window.__ran = window.__ran || []).push(${JSON.stringify(u.href)});` });
    }
    return route.fulfill({ status: 204, body: '' });
  });
  const p = await context.newPage();
  const errors = [];
  p.on('pageerror', (e) => errors.push(String(e)));
  await p.goto(url);
  return { context, page: p, errors };
}

let failed = 0;
function check(what, ok, detail) {
  console.log(`${ok ? 'ok  ' : 'FAIL'}  ${what}${!ok && detail !== undefined ? ': ' + JSON.stringify(detail) : ''}`);
  if (!ok) failed++;
}
const ran = (p) => p.evaluate(() => (window.__ran || []).slice().sort());
const same = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
module.exports = { check, open, ran, same, tagScripts, ccPage, klaroPage, page, out, SITE, files, failedCount: () => failed };

if (require.main === module) {
  (async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-blink-features=AutomationControlled'] });
    try {
      await require('./cookieconsent.check')(browser);
      await require('./klaro.check')(browser);
      await require('./gcm.check')(browser);
      await require('./required.check')(browser);
    } finally {
      await browser.close();
    }
    process.exit(failed ? 1 : 0);
  })().catch((e) => { console.error(e); process.exit(1); });
}
