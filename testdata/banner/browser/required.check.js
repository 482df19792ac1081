// A strictly necessary cookie is never cleared, where the real library
// decides it: the banners vendex wrote for a recorded capture of
// ferguson.com, whose Akamai card puts the bot-manager cookies _abck and
// bm_sz in strictly necessary and AKA_A2 in functionality. Declining
// everything must clear AKA_A2 and keep _abck and bm_sz, in Klaro (which
// clears a declined service's cookies) and in cookieconsent (which clears
// a rejected category's).
'use strict';
const t = require('./banner.test.js');

const necessary = ['_abck', 'bm_sz'];
const declined = ['AKA_A2'];
async function seed(context) {
  await context.addCookies([...necessary, ...declined].map((name) => ({ name, value: '1', domain: 'www.vendex-shop.test', path: '/' })));
}
const cookieNames = async (context) => (await context.cookies()).map((c) => c.name);
const keptAndCleared = (left) => necessary.every((n) => left.includes(n)) && declined.every((n) => !left.includes(n));

module.exports = async (browser) => {
  let { context, page, errors } = await t.open(browser, t.klaroPage('ferguson-klaro.js', ''));
  await seed(context);
  await page.reload();
  await page.waitForSelector('.klaro .cookie-notice', { state: 'visible' });
  await page.click('.klaro .cookie-notice .cn-decline');
  await page.waitForTimeout(500);
  await page.reload();
  await page.waitForTimeout(500);
  let left = await cookieNames(context);
  t.check("klaro, ferguson.com: declining clears Akamai's functional AKA_A2 and keeps its strictly necessary _abck and bm_sz", keptAndCleared(left), left);
  t.check('klaro, ferguson.com: no page error', errors.length === 0, errors);
  await context.close();

  ({ context, page, errors } = await t.open(browser, t.ccPage('ferguson-cookieconsent.js', '')));
  await seed(context);
  await page.reload();
  await page.waitForSelector('#cc-main .cm', { state: 'visible' });
  await page.click('#cc-main .cm [data-role="necessary"]');
  await page.waitForTimeout(500);
  left = await cookieNames(context);
  t.check("cookieconsent, ferguson.com: rejecting clears Akamai's functional AKA_A2 and keeps its strictly necessary _abck and bm_sz", keptAndCleared(left), left);
  t.check('cookieconsent, ferguson.com: no page error', errors.length === 0, errors);
  await context.close();
};
