// The README's pictures of the district supervision screens, on the data docs/bulletin-example.sh leaves in the demo
// platform (`./build.sh run --demo`, then `bash docs/bulletin-example.sh`). Needs playwright-core (npm) and Debian's
// Chromium; run from the repository root: `npm install --prefix /tmp/shots playwright-core@1.65.1 &&
// NODE_PATH=/tmp/shots/node_modules node docs/supervision-screenshots.js`. Shows last month (set MONTH=yyyy-MM to change).
const { chromium } = require('playwright-core');
function lastMonth() {
  const d = new Date(); d.setDate(1); d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const base = (process.env.G || 'http://127.0.0.1:8080') + '/console';
  await page.goto(base + '/login');
  await page.fill('#unitCode', '510116');
  await page.fill('#userName', 'supervisor');
  await page.fill('#password', 'Gongkai2026demo');
  await page.keyboard.press('Enter');
  await page.waitForURL(u => !u.toString().includes('/login'));
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '监督', exact: true }).click();
  const tabs = page.getByRole('navigation', { name: '监督功能' });
  await tabs.getByRole('link', { name: '指标', exact: true }).click();
  const input = page.locator('#indicator-period');
  await input.click(); await input.fill(process.env.MONTH || lastMonth()); await input.press('Enter');
  await page.getByRole('heading', { name: /各单位指标/ }).waitFor();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: 'docs/console-supervision.png', fullPage: true });
  await tabs.getByRole('link', { name: '热力图', exact: true }).click();
  await page.getByTestId('heat-map-chart').waitFor();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: 'docs/console-heat-map.png', fullPage: true });
  await tabs.getByRole('link', { name: '通报与红黑榜', exact: true }).click();
  await page.waitForTimeout(3000);
  await page.screenshot({ path: 'docs/console-bulletins.png', fullPage: true });
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
