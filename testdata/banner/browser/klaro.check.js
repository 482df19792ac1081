// Klaro! with the config.js and tags vendex wrote.
'use strict';
const t = require('./banner.test.js');

const seeded = ['_ga', '_hjSession_99', '_fbp', 'PHPSESSID'];
async function seed(context) {
  await context.addCookies(seeded.map((name) => ({ name, value: '1', domain: 'www.vendex-shop.test', path: '/' })));
}
const cookieNames = async (context) => (await context.cookies()).map((c) => c.name);

module.exports = async (browser) => {
  const tags = t.out('tags-klaro.html');
  const scripts = t.tagScripts(tags, 'data-src');
  const analyticsServices = ['google-analytics', 'hotjar'];
  const analytics = scripts.filter((s) => analyticsServices.includes(s.service)).map((s) => s.src);
  t.check('klaro: the tags hold back the vendors\' scripts', scripts.length === 3 && analytics.length === 2, scripts);
  const url = t.klaroPage('klaro.js', tags);

  let { context, page, errors } = await t.open(browser, url);
  await seed(context);
  await page.reload();
  await page.waitForSelector('.klaro .cookie-notice', { state: 'visible' });
  t.check('klaro: the notice names the purposes', /Analytics & Marketing/.test(await page.textContent('.klaro .cookie-notice')));
  t.check('klaro: nothing ran before consent', (await t.ran(page)).length === 0, await t.ran(page));
  await page.click('.klaro .cn-learn-more');
  await page.waitForSelector('.klaro .cookie-modal', { state: 'visible' });
  const purposes = await page.$$eval('.klaro .cm-purpose:not(.cm-toggle-all) > label .cm-list-title', (els) => els.map((e) => e.textContent));
  // The site's PHP session is a required service under "Strictly necessary".
  t.check('klaro: a purpose per category', t.same(purposes, ['Strictly necessary', 'Analytics', 'Marketing']), purposes);
  const services = await page.$$eval('.klaro .cm-service .cm-list-title', (els) => els.map((e) => e.textContent));
  t.check('klaro: a service per vendor', t.same(services, ['PHP sessions (self-hosted)', 'Google Analytics', 'Hotjar', 'Meta Pixel']), services);
  await page.click('.klaro label[for="purpose-item-analytics"]');
  await page.click('.klaro .cm-btn-accept');
  await page.waitForTimeout(500);
  const ranA = await t.ran(page);
  t.check('klaro: accepting only analytics runs only the analytics tags', t.same(ranA, analytics), ranA);
  // Klaro clears a service's cookies whenever it applies a refusal, on
  // every page load too: the cookies set now must outlive the next load
  // for analytics only.
  await seed(context);
  await page.reload();
  await page.waitForTimeout(500);
  const again = await t.ran(page);
  t.check('klaro: the choice holds on the next page: only the analytics tags run', t.same(again, analytics), again);
  const kept = await cookieNames(context);
  t.check("klaro: the analytics cookies stay, the declined marketing one is cleared, the site's own is kept",
    kept.includes('_ga') && kept.includes('_hjSession_99') && !kept.includes('_fbp') && kept.includes('PHPSESSID'), kept);
  t.check('klaro: no page error', errors.length === 0, errors);
  await context.close();

  ({ context, page, errors } = await t.open(browser, url));
  await seed(context);
  await page.reload();
  await page.click('.klaro .cookie-notice .cn-decline');
  await page.waitForTimeout(500);
  const ranR = await t.ran(page);
  t.check('klaro: declining runs none of the tags', ranR.length === 0, ranR);
  const left = await cookieNames(context);
  t.check("klaro: declining clears _ga, _hjSession_99 (a RegExp) and _fbp, keeps the site's PHPSESSID",
    !left.includes('_ga') && !left.includes('_hjSession_99') && !left.includes('_fbp') && left.includes('PHPSESSID'), left);
  await context.close();

  ({ context, page, errors } = await t.open(browser, t.page('klaro-hostile.html', '',
    `<script>${t.out('hostile-klaro.js')}</script><script defer src="/klaro.js"></script>`)));
  await context.addCookies([{ name: 'keep', value: '1', domain: 'www.vendex-shop.test', path: '/' }]);
  await page.waitForSelector('.klaro .cookie-notice', { state: 'visible' });
  await page.click('.klaro .cn-learn-more');
  await page.waitForSelector('.klaro .cookie-modal', { state: 'visible' });
  const text = await page.textContent('.klaro .cookie-modal');
  t.check('klaro, hostile vendor: the configuration ran inline', errors.length === 0, errors);
  t.check('klaro, hostile vendor: its markup is shown as text', text.includes('</script><script>'), text.slice(0, 300));
  t.check('klaro, hostile vendor: no element came from the data', (await page.$$('.klaro img, .klaro script')).length === 0);
  await page.click('.klaro .cm-btn-decline');
  await page.waitForTimeout(300);
  const left2 = await cookieNames(context);
  t.check("klaro, hostile vendor: its cookie named '^.*' did not clear every cookie", left2.includes('keep'), left2);
  t.check('klaro, hostile vendor: none of its code ran', (await page.evaluate(() => window.__pwned)) === undefined, await page.evaluate(() => window.__pwned));
  await context.close();
};
