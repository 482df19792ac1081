// vanilla-cookieconsent v3 with the configuration and tags vendex wrote.
'use strict';
const t = require('./banner.test.js');

const seeded = ['_ga', '_hjSession_99', '_fbp', 'PHPSESSID'];
async function seed(context) {
  await context.addCookies(seeded.map((name) => ({ name, value: '1', domain: 'www.vendex-shop.test', path: '/' })));
}
const cookieNames = async (context) => (await context.cookies()).map((c) => c.name);

module.exports = async (browser) => {
  const tags = t.out('tags-cookieconsent.html');
  const scripts = t.tagScripts(tags, 'src');
  const analytics = scripts.filter((s) => s.category === 'analytics').map((s) => s.src);
  t.check('cookieconsent: the tags hold back analytics and marketing scripts', analytics.length === 2 && scripts.some((s) => s.category === 'marketing'), scripts);
  const url = t.ccPage('cookieconsent.js', tags);

  // Accepting only analytics runs only the analytics tags.
  let { context, page, errors } = await t.open(browser, url);
  await seed(context);
  await page.reload();
  await page.waitForSelector('#cc-main .cm', { state: 'visible' });
  t.check('cookieconsent: the consent modal names the categories', /analytics and marketing/.test(await page.textContent('#cc-main .cm__desc')));
  t.check('cookieconsent: nothing ran before consent', (await t.ran(page)).length === 0, await t.ran(page));
  await page.click('#cc-main [data-role="show"]');
  await page.waitForSelector('#cc-main .pm', { state: 'visible' });
  const toggles = await page.$$eval('#cc-main .pm input.section__toggle:not([data-category])', (els) => els.map((e) => e.value + (e.disabled ? ':readonly' : '')));
  t.check('cookieconsent: a toggle per category, strictly necessary read-only', t.same(toggles, ['necessary:readonly', 'analytics', 'marketing']), toggles);
  const services = await page.$$eval('#cc-main .pm input[data-category]', (els) => els.map((e) => e.dataset.category + '/' + e.value));
  t.check('cookieconsent: a service per vendor', t.same(services, ['necessary/php-sessions', 'analytics/google-analytics', 'analytics/hotjar', 'marketing/facebook-pixel']), services);
  const tables = await page.$$eval('#cc-main .pm table', (els) => els.map((e) => ({
    caption: e.caption.textContent,
    head: [...e.tHead.rows[0].cells].map((c) => c.textContent),
    names: [...e.tBodies[0].rows].map((r) => r.cells[0].textContent),
    links: [...e.querySelectorAll('a')].map((a) => a.href),
  })));
  const byCaption = Object.fromEntries(tables.map((x) => [x.caption, x]));
  t.check('cookieconsent: a cookie table per category', t.same(Object.keys(byCaption), ['Strictly necessary cookies', 'Analytics cookies', 'Marketing cookies']), Object.keys(byCaption));
  const an = byCaption['Analytics cookies'] || { head: [], names: [], links: [] };
  t.check('cookieconsent: the table has name, provider, purpose and lifetime', t.same(an.head, ['Name', 'Provider', 'Purpose', 'Lifetime']), an.head);
  t.check('cookieconsent: a pattern is shown as a pattern', an.names.includes('_hjSession_*'), an.names);
  t.check("cookieconsent: the provider's privacy policy is a link", an.links.includes('https://www.hotjar.com/legal/policies/privacy'), an.links);
  t.check('cookieconsent: unclassified cookies are listed', /PHPSESSID/.test(await page.textContent('#cc-main .pm')));
  await page.click('#cc-main .pm label:has(input[value="analytics"]:not([data-category]))');
  await page.click('#cc-main [data-role="save"]');
  await page.waitForTimeout(500);
  const ranA = await t.ran(page);
  t.check('cookieconsent: accepting only analytics runs only the analytics tags', t.same(ranA, analytics), ranA);
  const kept = await cookieNames(context);
  t.check("cookieconsent: the analytics cookies stay, the rejected marketing one is cleared, the site's own is kept",
    kept.includes('_ga') && kept.includes('_hjSession_99') && !kept.includes('_fbp') && kept.includes('PHPSESSID'), kept);
  t.check('cookieconsent: no page error', errors.length === 0, errors);
  await context.close();

  // Rejecting runs none, and clears the categories' cookies.
  ({ context, page, errors } = await t.open(browser, url));
  await seed(context);
  await page.reload();
  await page.click('#cc-main .cm [data-role="necessary"]');
  await page.waitForTimeout(500);
  const ranR = await t.ran(page);
  t.check('cookieconsent: rejecting runs none of the tags', ranR.length === 0, ranR);
  const left = await cookieNames(context);
  t.check("cookieconsent: rejecting clears _ga, _hjSession_99 (a pattern's cookie) and _fbp, keeps the site's PHPSESSID",
    !left.includes('_ga') && !left.includes('_hjSession_99') && !left.includes('_fbp') && left.includes('PHPSESSID'), left);
  await context.close();

  // A vendor whose every text is hostile, its configuration inline.
  ({ context, page, errors } = await t.open(browser, t.page('cc-hostile.html', '<link rel="stylesheet" href="/cookieconsent.css">',
    `<script src="/cookieconsent.umd.js"></script><script>${t.out('hostile-cookieconsent.js')}</script>`)));
  await page.waitForSelector('#cc-main .cm', { state: 'visible' });
  await page.click('#cc-main [data-role="show"]');
  await page.waitForSelector('#cc-main .pm', { state: 'visible' });
  const text = await page.textContent('#cc-main .pm');
  t.check('cookieconsent, hostile vendor: the configuration ran inline', errors.length === 0, errors);
  t.check('cookieconsent, hostile vendor: its markup is shown as text', text.includes('<img src=x onerror') && text.includes('</script><script>'), text.slice(0, 300));
  t.check('cookieconsent, hostile vendor: no element came from the data', (await page.$$('#cc-main img, #cc-main script, #cc-main a[href^="javascript"]')).length === 0);
  t.check('cookieconsent, hostile vendor: none of its code ran', (await page.evaluate(() => window.__pwned)) === undefined, await page.evaluate(() => window.__pwned));
  await context.close();
};
