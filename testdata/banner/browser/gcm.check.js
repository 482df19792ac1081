// The Google Consent Mode block, inline as Google asks, and its update.
'use strict';
const t = require('./banner.test.js');

module.exports = async (browser) => {
  const { context, page, errors } = await t.open(browser, t.page('gcm.html', `<script>${t.out('gcm.js')}</script>`, ''));
  const layer = () => page.evaluate(() => window.dataLayer.map((a) => Array.from(a)));
  const [first] = await layer();
  const d = first && first[2];
  t.check('gcm: the default denies every type but security_storage', first && first[0] === 'consent' && first[1] === 'default' &&
    d.security_storage === 'granted' && ['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage', 'functionality_storage', 'personalization_storage'].every((k) => d[k] === 'denied'), first);
  await page.evaluate(() => window.vendexConsentUpdate(['analytics']));
  const last = (await layer()).pop();
  t.check('gcm: accepting analytics grants analytics_storage only', last[1] === 'update' && last[2].analytics_storage === 'granted' &&
    last[2].ad_storage === 'denied' && last[2].ad_user_data === 'denied' && last[2].ad_personalization === 'denied', last);
  t.check('gcm: no page error', errors.length === 0, errors);
  await context.close();
};
