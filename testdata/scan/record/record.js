#!/usr/bin/env node
// Records the captures in ../real/recorded/ with a real Chromium.
//
// A local HTTPS server on 127.0.0.1 plays a small shop site and the vendor
// hosts it loads (Hotjar, the Meta pixel, Google Analytics, OneTrust,
// reCAPTCHA, Stripe). Chromium resolves every host name to that server
// (--host-resolver-rules), so the browser believes it talks to the real
// hosts: the HAR shows the real URLs, cookies land on the real domains, and
// nothing leaves the machine. The vendor scripts are stand-ins written here;
// they set the cookies and localStorage keys, and make the requests, that
// the real ones are documented to make.
//
//   npm ci && node record.js [--out DIR] [--chromium PATH] [--keep-profiles DIR]
//   node record.js --serve PORT      only the server, for other capture tools
//
// TLS: many of these hosts are HSTS-preloaded, so plain http:// is upgraded
// by the browser. The server uses a throw-away self-signed certificate made
// with openssl at start-up, and Chromium runs with --ignore-certificate-errors.

'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const https = require('https');
const crypto = require('crypto');
const { execFileSync } = require('child_process');
const { chromium } = require('playwright-core');

const args = process.argv.slice(2);
function opt(name, def) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
}
const OUT = path.resolve(opt('--out', path.join(__dirname, '..', 'real', 'recorded')));
const CHROMIUM = opt('--chromium', '/usr/bin/chromium');
// keep each capture's browser profile under DIR/<capture> (for cookie-jar
// exporters that read a profile, see README.md)
const KEEP = opt('--keep-profiles', null);
// only run the server (to point another capture tool at it), on this port
const SERVE = opt('--serve', null);

const SITE = 'www.vendex-shop.test';
const SITE_COOKIE_DOMAIN = '.vendex-shop.test';

// ---------------------------------------------------------------- pages ----

const page = (title, head, body) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="stylesheet" href="/static/site.css">
${head}
</head><body>
<h1>${title}</h1>
<p>A test shop page recorded for vendex scan.</p>
${body}
<script src="/static/site.js"></script>
</body></html>`;

// Loads Hotjar, the Meta pixel and Google Analytics straight away, before any
// consent banner has been answered (there is none).
const TRACKING = page('Shop (trackers before consent)', `
<!-- Google tag (gtag.js) -->
<script async src="https://www.googletagmanager.com/gtag/js?id=G-TEST"></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date());
  gtag('config', 'G-TEST');
</script>
<!-- Hotjar Tracking Code -->
<script>
  (function(h,o,t,j,a,r){
    h.hj=h.hj||function(){(h.hj.q=h.hj.q||[]).push(arguments)};
    h._hjSettings={hjid:123,hjsv:6};
    a=o.getElementsByTagName('head')[0];
    r=o.createElement('script');r.async=1;
    r.src=t+h._hjSettings.hjid+j+h._hjSettings.hjsv;
    a.appendChild(r);
  })(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');
</script>
<!-- Meta Pixel Code -->
<script>
  !function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?
  n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;
  n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;
  t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window,
  document,'script','https://connect.facebook.net/en_US/fbevents.js');
  fbq('init', '1234567890');
  fbq('track', 'PageView');
</script>`, `
<noscript><img height="1" width="1" style="display:none"
  src="https://www.facebook.com/tr?id=1234567890&ev=PageView&noscript=1"></noscript>`);

// Loads only a consent banner (OneTrust), reCAPTCHA and Stripe: vendors a
// site may load before consent.
const CLEAN = page('Checkout (consent banner, reCAPTCHA, Stripe)', `
<!-- OneTrust Cookies Consent Notice -->
<script src="https://cdn.cookielaw.org/scripttemplates/otSDKStub.js" type="text/javascript"
  charset="UTF-8" data-domain-script="01234567-89ab-cdef-0123-456789abcdef"></script>
<script>function OptanonWrapper() { }</script>
<script src="https://www.google.com/recaptcha/api.js" async defer></script>
<script src="https://js.stripe.com/v3/"></script>`, `
<form id="pay"><div class="g-recaptcha" data-sitekey="6LeTESTKEYxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"></div>
<div id="card-element"></div><button>Pay</button></form>
<script>
  window.addEventListener('load', function () {
    var stripe = Stripe('pk_test_vendex');
    stripe.elements().create('card').mount('#card-element');
  });
</script>`);

// ------------------------------------------------------- vendor stand-ins ---

const rnd = (n) => String(Math.floor(Math.random() * 10 ** n)).padStart(n, '0');
const hex = (n) => crypto.randomBytes(n).toString('hex');

// document.cookie helper used by the stand-in scripts
const SETC = `function __setc(n,v,days,dom){var d=new Date(Date.now()+days*864e5);
document.cookie=n+'='+v+'; expires='+d.toUTCString()+'; path=/'+(dom?'; domain='+dom:'')+'; SameSite=Lax';}`;

const GTAG_JS = `// stand-in for Google tag (gtag.js), G-TEST
(function(){${SETC}
var now=Math.floor(Date.now()/1000);
if(!/(^|; )_ga=/.test(document.cookie)) __setc('_ga','GA1.1.'+Math.floor(Math.random()*1e9)+'.'+now,400,'${SITE_COOKIE_DOMAIN}');
__setc('_ga_TEST','GS2.1.s'+now+'$o1$g0$t'+now+'$j60$l0$h0',400,'${SITE_COOKIE_DOMAIN}');
var cid=(document.cookie.match(/_ga=GA1\\.1\\.([^;]+)/)||[])[1]||'';
var q='v=2&tid=G-TEST&gtm=45je5&_p='+Date.now()+'&cid='+cid+'&ul=en-us&sr=1280x720&_s=1&sid='+now+'&sct=1&seg=0'
 +'&dl='+encodeURIComponent(location.href)+'&dt='+encodeURIComponent(document.title)+'&en=page_view&_fv=1&_ss=1';
fetch('https://www.google-analytics.com/g/collect?'+q,{method:'POST',mode:'no-cors',keepalive:true})
 .finally(function(){window.__vx=(window.__vx||0)+1;});
})();`;

const HOTJAR_JS = `// stand-in for Hotjar, site 123
(function(){${SETC}
var now=Date.now();
__setc('_hjSessionUser_123',btoa(JSON.stringify({id:Math.random().toString(16).slice(2,18),created:now,existing:false})),365,'${SITE_COOKIE_DOMAIN}');
__setc('_hjSession_123',btoa(JSON.stringify({id:Math.random().toString(16).slice(2),c:now,s:0,r:0,sb:0,sr:0,se:0,fs:1,sp:0})),1/48,'${SITE_COOKIE_DOMAIN}');
try{localStorage.setItem('_hjSessionStorageTest','1');localStorage.removeItem('_hjSessionStorageTest');
 localStorage.setItem('_hjSessionUser_123',JSON.stringify({id:'hj',created:now}));}catch(e){}
var s=document.createElement('script');s.async=1;s.src='https://script.hotjar.com/modules.e5a1b2c3.js';
s.onload=function(){fetch('https://in.hotjar.com/api/v2/client/sites/123/visit-data?sv=7',{method:'POST',mode:'no-cors',body:'{}'})
 .finally(function(){window.__vx=(window.__vx||0)+1;});};
document.head.appendChild(s);
})();`;

const FBEVENTS_JS = `// stand-in for the Meta pixel (fbevents.js)
(function(){${SETC}
if(!/(^|; )_fbp=/.test(document.cookie)) __setc('_fbp','fb.1.'+Date.now()+'.'+Math.floor(Math.random()*2e9),90,'${SITE_COOKIE_DOMAIN}');
var q=(window.fbq&&fbq.queue)||[];var id='1234567890';
q.forEach(function(a){if(a[0]==='init')id=a[1];});
var fbp=(document.cookie.match(/_fbp=([^;]+)/)||[])[1]||'';
var img=new Image();
img.onload=img.onerror=function(){window.__vx=(window.__vx||0)+1;};
img.src='https://www.facebook.com/tr/?id='+id+'&ev=PageView&dl='+encodeURIComponent(location.href)
 +'&rl=&if=false&ts='+Date.now()+'&sw=1280&sh=720&v=2.9.180&r=stable&ec=0&o=4126&fbp='+fbp+'&it='+Date.now()+'&coo=false&rqm=GET';
})();`;

const OT_STUB_JS = `// stand-in for the OneTrust SDK stub (otSDKStub.js)
(function(){
var id=document.currentScript.getAttribute('data-domain-script');
fetch('https://geolocation.onetrust.com/cookieconsentpub/v1/geo/location',{mode:'cors'}).catch(function(){});
fetch('https://cdn.cookielaw.org/consent/'+id+'/'+id+'.json',{mode:'cors'}).then(function(r){return r.json();}).then(function(){
 var s=document.createElement('script');s.src='https://cdn.cookielaw.org/scripttemplates/202501.2.0/otBannerSdk.js';
 s.onload=function(){window.__vx=(window.__vx||0)+1;};document.head.appendChild(s);
});
})();`;

const OT_BANNER_JS = `// stand-in for the OneTrust banner SDK: shows the banner, sets nothing
// until the visitor answers it.
(function(){
var d=document.createElement('div');d.id='onetrust-banner-sdk';
d.innerHTML='<p>We use cookies.</p><button id="onetrust-accept-btn-handler">Accept All Cookies</button>'
 +'<button id="onetrust-reject-all-handler">Reject All</button>';
document.body.appendChild(d);
if(window.OptanonWrapper) OptanonWrapper();
})();`;

const RECAPTCHA_API_JS = `// stand-in for reCAPTCHA api.js: loads the release script and the anchor iframe
(function(){
var s=document.createElement('script');s.async=1;
s.src='https://www.gstatic.com/recaptcha/releases/TESTrelease/recaptcha__en.js';
document.head.appendChild(s);
function render(){document.querySelectorAll('.g-recaptcha').forEach(function(el){
 var f=document.createElement('iframe');f.width=304;f.height=78;f.title='reCAPTCHA';
 f.src='https://www.google.com/recaptcha/api2/anchor?ar=1&k='+el.getAttribute('data-sitekey')
  +'&co='+btoa(location.origin).replace(/=/g,'.')+'&hl=en&v=TESTrelease&size=normal&cb=vendex';
 f.onload=function(){window.__vx=(window.__vx||0)+1;};
 el.appendChild(f);});}
if(document.readyState==='loading')document.addEventListener('DOMContentLoaded',render);else render();
})();`;

// The anchor frame runs on www.google.com, so its localStorage key lands
// under that origin, as in the real reCAPTCHA (rc::a, and rc::b/rc::c in
// sessionStorage).
const RECAPTCHA_ANCHOR_HTML = `<!doctype html><html><head><meta charset="utf-8">
<script src="https://www.gstatic.com/recaptcha/releases/TESTrelease/recaptcha__en.js"></script></head>
<body><div class="rc-anchor">I'm not a robot</div>
<script>try{localStorage.setItem('rc::a',btoa(Math.random().toString(36).slice(2)));
sessionStorage.setItem('rc::b',String(Date.now()));sessionStorage.setItem('rc::c',String(Date.now()));}catch(e){}
fetch('/recaptcha/api2/webworker.js?hl=en&v=TESTrelease').catch(function(){});</script>
</body></html>`;

const STRIPE_JS = `// stand-in for Stripe.js v3: the fraud-signal iframe and the __stripe cookies
(function(){${SETC}
function uid(){return ([1e7]+-1e3+-4e3+-8e3+-1e11).replace(/[018]/g,function(c){
 return (c^crypto.getRandomValues(new Uint8Array(1))[0]&15>>c/4).toString(16);});}
window.Stripe=function(key){
 var f=document.createElement('iframe');f.style.display='none';
 f.src='https://m.stripe.network/inner.html#url='+encodeURIComponent(location.href)+'&title=&referrer=&muid=NA&sid=NA&version=6&preview=false';
 document.body.appendChild(f);
 if(!/(^|; )__stripe_mid=/.test(document.cookie)) __setc('__stripe_mid',uid()+'abcdef',365,'${SITE_COOKIE_DOMAIN}');
 __setc('__stripe_sid',uid()+'012345',1/48,'${SITE_COOKIE_DOMAIN}');
 fetch('https://m.stripe.com/6',{method:'POST',mode:'no-cors',body:'{}'})
  .finally(function(){window.__vx=(window.__vx||0)+1;});
 return {elements:function(){return {create:function(){return {mount:function(sel){
  var fr=document.createElement('iframe');fr.title='Secure card payment input frame';
  fr.src='https://js.stripe.com/v3/elements-inner-card-7c1a2b3d.html#componentName=card&key='+key;
  document.querySelector(sel).appendChild(fr);}};}};}};
};
})();`;

// ---------------------------------------------------------------- server ----

const js = (body) => ({ type: 'application/javascript; charset=utf-8', body });
const html = (body) => ({ type: 'text/html; charset=utf-8', body });
const gif = () => ({ type: 'image/gif', body: Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64') });
const empty = (status = 204) => ({ status, type: 'text/plain', body: '' });
const json = (obj) => ({ type: 'application/json', body: JSON.stringify(obj), cors: true });

const days = (n) => new Date(Date.now() + n * 864e5).toUTCString();

// host -> [ [path-prefix, handler(url) -> response] ]
const ROUTES = {
  [SITE]: [
    ['/tracking.html', () => ({ ...html(TRACKING), cookies: [`PHPSESSID=${hex(13)}; path=/; HttpOnly; SameSite=Lax`] })],
    ['/clean.html', () => ({ ...html(CLEAN), cookies: [`PHPSESSID=${hex(13)}; path=/; HttpOnly; SameSite=Lax`] })],
    ['/static/site.css', () => ({ type: 'text/css', body: 'body{font-family:sans-serif}' })],
    ['/static/site.js', () => js('window.__site=1;')],
    ['/favicon.ico', () => empty(404)],
  ],
  'www.googletagmanager.com': [['/gtag/js', () => js(GTAG_JS)]],
  'www.google-analytics.com': [['/g/collect', () => empty(204)]],
  'static.hotjar.com': [['/c/hotjar-', () => js(HOTJAR_JS)]],
  'script.hotjar.com': [['/modules.', () => js('// stand-in for Hotjar modules\n')]],
  'in.hotjar.com': [['/api/v2/client/sites/', () => json({ success: true })]],
  'connect.facebook.net': [['/en_US/fbevents.js', () => js(FBEVENTS_JS)]],
  // a vendor host that sets its own cookie by header
  'www.facebook.com': [['/tr', () => ({
    ...gif(),
    cookies: [`fr=0${hex(12)}..${rnd(10)}.0.0.0.; expires=${days(90)}; Max-Age=7776000; path=/; domain=.facebook.com; secure; httponly; SameSite=None`],
  })]],
  'cdn.cookielaw.org': [
    ['/scripttemplates/otSDKStub.js', () => js(OT_STUB_JS)],
    ['/scripttemplates/', () => js(OT_BANNER_JS)],
    ['/consent/', () => json({ DomainData: { Language: 'en' }, RuleSet: [{ Type: 'GDPR' }] })],
  ],
  'geolocation.onetrust.com': [['/cookieconsentpub/v1/geo/location', () => json({ country: 'DE', state: '', stateName: '', continent: 'EU' })]],
  'www.google.com': [
    ['/recaptcha/api.js', () => js(RECAPTCHA_API_JS)],
    ['/recaptcha/api2/anchor', () => ({
      ...html(RECAPTCHA_ANCHOR_HTML),
      // reCAPTCHA's own cookie, set by header on www.google.com
      cookies: [`_GRECAPTCHA=${hex(40)}; expires=${days(180)}; path=/recaptcha; secure; httponly; SameSite=None; Priority=HIGH`],
    })],
    ['/recaptcha/api2/webworker.js', () => js('// stand-in\n')],
  ],
  'www.gstatic.com': [['/recaptcha/releases/', () => js('// stand-in for recaptcha__en.js\n')]],
  'js.stripe.com': [
    ['/v3/elements-inner-card', () => html('<!doctype html><input placeholder="Card number">')],
    ['/v3', () => js(STRIPE_JS)],
  ],
  'm.stripe.network': [['/inner.html', () => html('<!doctype html><script>/* stand-in for Stripe m-outer */</script>')]],
  'm.stripe.com': [['/6', () => json({ muid: 'NA', guid: 'NA', sid: 'NA' })]],
};

function route(host, url) {
  for (const [prefix, h] of ROUTES[host] || []) {
    if (url.pathname.startsWith(prefix)) return h(url);
  }
  return null;
}

function makeCert(dir) {
  const key = path.join(dir, 'key.pem');
  const crt = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', crt,
    '-days', '1', '-subj', '/CN=vendex-scan-record'], { stdio: 'ignore' });
  return { key: fs.readFileSync(key), cert: fs.readFileSync(crt) };
}

function startServer(tls, log, port) {
  const server = https.createServer(tls, (req, res) => {
    const host = (req.headers.host || '').replace(/:\d+$/, '');
    const url = new URL(req.url, `https://${host}`);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-origin': req.headers.origin || '*',
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': '*',
      });
      return res.end();
    }
    const r = route(host, url);
    log.push(`${req.method} ${host}${url.pathname} -> ${r ? r.status || 200 : 404}`);
    if (!r) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('not found');
    }
    const headers = { 'content-type': r.type, 'cache-control': 'no-store' };
    if (r.cors) headers['access-control-allow-origin'] = req.headers.origin || '*';
    if (r.cookies) headers['set-cookie'] = r.cookies;
    res.writeHead(r.status || 200, headers);
    res.end(r.body);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

// --------------------------------------------------------------- capture ----

// Each capture gets a fresh, regular (not incognito) profile: Playwright's
// browser.newContext() is an off-the-record profile, where Chromium blocks
// third-party cookies, so facebook.com's fr and www.google.com's _GRECAPTCHA
// would show up in the HAR but never be stored.
async function capture(port, name, pagePath, expected) {
  const har = path.join(OUT, `${name}.har`);
  const profile = KEEP ? path.resolve(KEEP, name) : fs.mkdtempSync(path.join(os.tmpdir(), 'vendex-profile-'));
  fs.rmSync(profile, { recursive: true, force: true });
  // allow third-party cookies, as a default desktop profile long did
  fs.mkdirSync(path.join(profile, 'Default'), { recursive: true });
  fs.writeFileSync(path.join(profile, 'Default', 'Preferences'), JSON.stringify({
    profile: { cookie_controls_mode: 0, block_third_party_cookies: false },
  }));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: [
      `--host-resolver-rules=MAP * 127.0.0.1:${port}, EXCLUDE localhost`,
      '--ignore-certificate-errors',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--password-store=basic',
      '--disable-features=AutofillServerCommunication,OptimizationHints,MediaRouter,ThirdPartyStoragePartitioning',
    ],
    ignoreHTTPSErrors: true,
    recordHar: { path: har, content: 'omit' },
    viewport: { width: 1280, height: 720 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  const p = context.pages()[0] || (await context.newPage());
  await p.goto(`https://${SITE}${pagePath}`, { waitUntil: 'load' });
// every stand-in bumps window.__vx when its last request is done
  await p.waitForFunction((n) => (window.__vx || 0) >= n, expected, { timeout: 15000 });
  await p.waitForTimeout(1500); // let late beacons finish
  await context.storageState({ path: path.join(OUT, `${name}.storagestate.json`) });
  await context.close(); // writes the HAR
  if (!KEEP) fs.rmSync(profile, { recursive: true, force: true });
  return har;
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vendex-record-'));
  const log = [];
  const server = await startServer(makeCert(tmp), log, SERVE ? Number(SERVE) : 0);
  const port = server.address().port;
  if (SERVE) {
    console.log(`serving on 127.0.0.1:${port}; pages https://${SITE}/tracking.html and /clean.html; Ctrl-C to stop`);
    const stop = () => { console.log(log.join('\n')); fs.rmSync(tmp, { recursive: true, force: true }); process.exit(0); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return;
  }
  try {
    console.log(`server on 127.0.0.1:${port}`);
    // tracking: gtag + hotjar + fb pixel = 3 stand-ins reporting back
    await capture(port, 'before-consent-tracking', '/tracking.html', 3);
    // clean: onetrust banner + recaptcha anchor + stripe = 3
    await capture(port, 'before-consent-clean', '/clean.html', 3);
  } finally {
    server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(log.join('\n'));
  console.log(`wrote ${OUT}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
