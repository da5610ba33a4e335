import { chromium } from '@playwright/test';
const base = 'http://localhost:3100';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const jobs = [
  ['officer.hungbinh', '/campaigns/CAP-DHKM/units/16672', 'unit'],
  ['officer.hungbinh', '/campaigns/CAP-DHKM/units/16672/periods/2026-Q4', 'form'],
  ['reviewer.vinh', '/review', 'queue'],
  ['reviewer.vinh', '/campaigns/CAP-DHKM/units/16699/periods/2026-Q4', 'review'],
  ['admin', '/campaigns/PT-TDBVANTQ/units/16735/periods/2026-Q4', 'approve'],
  ['leader', '/campaigns/CAP-DHKM/units/16672/periods/2026-Q3', 'leader'],
  ['officer.hungbinh', '/en/campaigns/CAP-DHKM/units/16672/periods/2026-Q4', 'form-en']
];
for (const width of [1440, 360]) {
  for (const [user, path, name] of jobs) {
    const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
    await page.goto(base + '/login');
    await page.fill('input[name=username]', user);
    await page.fill('input[name=password]', 'kieumau-demo');
    await page.click('button[type=submit]');
    await page.waitForURL((u) => !u.pathname.endsWith('/login'));
    const r = await page.goto(base + path);
    await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
    await page.screenshot({ path: `/tmp/v-${name}-${width}.png` });
    console.log(name, width, r.status());
    await page.context().close();
  }
}
await browser.close();
