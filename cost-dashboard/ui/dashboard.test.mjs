// The cost dashboard in a real headless Chromium (Debian's), driven by playwright-core, against a
// running server whose cost_allocation holds the test's rows (DashboardBrowserIT starts it). Each
// page loads with data and its charts draw series; a filter changes the numbers; every CSV
// download equals the API's CSV of the same query; a team sees only its own. The Capacity page
// draws the autoscaler's history of each pool (ticks the test stored through the autoscaler's
// store), its decisions open when clicked, and a team token is told it is for admins.
// Environment: YM_URL, YM_ADMIN_TOKEN, YM_TEAM_TOKEN, YM_TEAM, YM_CHROMIUM, YM_SHOTS (a folder),
// YM_AIRFLOW_URL. Prints one "ok"/"FAIL" line per check, the time to the first chart, and
// "dashboard: N passed, M failed".
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const env = process.env;
const URL = env.YM_URL.replace(/\/$/, '');
let passed = 0;
let failed = 0;

async function check(name, body) {
  try {
    await body();
    passed++;
    console.log('ok   ' + name);
  } catch (error) {
    failed++;
    console.log('FAIL ' + name + '\n' + (error.stack || error));
  }
}

async function api(path, token = env.YM_ADMIN_TOKEN, type = 'json') {
  const response = await fetch(URL + path, { headers: { Authorization: 'Bearer ' + token } });
  assert.equal(response.status, 200, path);
  return type === 'json' ? response.json() : response.text();
}

// What the page shows for an amount: dollars and cents, from the exact decimal string.
function dollars(text) {
  const [whole, fraction = ''] = String(text).split('.');
  return '$' + Number(whole).toLocaleString('en-US') + '.' + (fraction + '00').slice(0, 2);
}

async function signIn(page, token) {
  await page.goto(URL + '/');
  await page.fill('#token', token);
  await page.click('#signin-button');
}

async function drawn(page, id) {
  await page.waitForFunction((chart) => window.ymCharts && window.ymCharts[chart], id, { timeout: 20000 });
  return page.evaluate((chart) => {
    const option = echarts.getInstanceByDom(document.getElementById(chart)).getOption();
    return {
      ...window.ymCharts[chart],
      names: option.series.map((s) => s.name),
      sum: option.series.reduce((n, s) => n + s.data.reduce((m, v) => {
        const value = v !== null && typeof v === 'object' && 'value' in v ? v.value : v;
        return m + Number(Array.isArray(value) ? value[value.length - 1] : value);
      }, 0), 0),
    };
  }, id);
}

async function csvDownload(page, table) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click(`button.csv[data-table="${table}"]`),
  ]);
  return readFile(await download.path(), 'utf8');
}

async function tableNames(page, table) {
  return page.$$eval(`#table-${table} tbody tr td:first-child`, (cells) => cells.map((c) => c.textContent));
}

// The capacity chart as drawn: each series' name and points, and the markers' pixels.
async function capacityChart(page) {
  await page.waitForFunction(() => window.ymCharts && window.ymCharts['chart-capacity'], null, { timeout: 20000 });
  return page.evaluate(() => {
    const instance = echarts.getInstanceByDom(document.getElementById('chart-capacity'));
    const option = instance.getOption();
    const index = option.series.findIndex((s) => s.name === 'decisions');
    return {
      series: Object.fromEntries(option.series.map((s) => [s.name, s.data.length])),
      markers: option.series[index].data.map((d) => {
        const [x, y] = instance.convertToPixel({ seriesIndex: index }, d.value);
        return { id: d.decision.id, x, y };
      }),
    };
  });
}

// What the Capacity page's summary shows for a history answer.
function capacityNumbers(history) {
  const peak = (value) => history.buckets.reduce((m, b) => Math.max(m, value(b) ?? 0), 0);
  return {
    demand: String(peak((b) => b.busyNodes + b.pendingNodes)),
    nodes: String(peak((b) => b.nodes)),
    capacity: String(peak((b) => b.capacity)),
    grows: String(history.decisions.filter((d) => d.action === 'GROW').length),
  };
}

async function shownNumbers(page) {
  const text = (id) => page.textContent('#' + id);
  return { demand: await text('cap-peak-demand'), nodes: await text('cap-peak-nodes'), capacity: await text('cap-peak-capacity'), grows: await text('cap-grows') };
}

// The API's decisions as CSV, written here independently of the page: RFC 4180, CRLF lines.
function decisionsCsv(decisions) {
  const fields = ['id', 'tickAt', 'pool', 'cluster', 'action', 'outcome', 'target', 'capacity', 'nodes', 'freeNodes', 'bootingVms', 'pendingVcores', 'pendingMemoryMb', 'reason'];
  const cell = (v) => {
    const t = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(t) ? '"' + t.replaceAll('"', '""') + '"' : t;
  };
  return [fields.join(','), ...decisions.map((d) => fields.map((f) => cell(d[f])).join(','))].join('\r\n') + '\r\n';
}

const browser = await chromium.launch({
  executablePath: env.YM_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
try {
  const admin = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
  const page = await admin.newPage();
  const base = '/api/v1/costs?window=7d&idle=separate&aggregate=dag';

  await check('the overview loads with data, its chart draws series, its table is the API', async () => {
    await signIn(page, env.YM_ADMIN_TOKEN);
    const chart = await drawn(page, 'chart-overview');
    assert.ok(chart.series >= 3, 'series: ' + chart.names);
    assert.ok(chart.names.includes('idle') && chart.names.includes('other'), chart.names.join());
    assert.ok(chart.points > 0 && chart.sum > 0);
    const answer = await api(base);
    assert.equal(await page.textContent('#total-cost'), dollars(answer.totals.cost));
    assert.equal(await page.textContent('#total-runs'), String(answer.totals.runs));
    const names = await tableNames(page, 'overview');
    assert.deepEqual(names, answer.sets[0].rows.map((r) => r.name));
    await page.screenshot({ path: join(env.YM_SHOTS, 'dashboard-overview.png'), fullPage: true });
  });

  await check('the overview table sorts by a column', async () => {
    await page.click('#table-overview th[data-key="runs"]');
    const runs = await page.$$eval('#table-overview tbody td[data-key="runs"]', (c) => c.map((x) => Number(x.textContent)));
    assert.deepEqual(runs, [...runs].sort((a, b) => b - a));
    await page.click('#table-overview th[data-key="runs"]');
    const up = await page.$$eval('#table-overview tbody td[data-key="runs"]', (c) => c.map((x) => Number(x.textContent)));
    assert.deepEqual(up, [...up].sort((a, b) => a - b));
  });

  await check("the overview's CSV download is the API's CSV", async () => {
    assert.equal(await csvDownload(page, 'overview'), await api('/api/v1/costs.csv?window=7d&idle=separate&aggregate=dag', undefined, 'csv'));
  });

  await check('a team filter changes the numbers to that team\'s', async () => {
    const before = await page.textContent('#total-cost');
    await page.selectOption('#team', env.YM_TEAM);
    await page.waitForFunction((b) => document.getElementById('total-cost')?.textContent !== b, before);
    const answer = await api(base + '&filter=team:' + env.YM_TEAM);
    assert.equal(await page.textContent('#total-cost'), dollars(answer.totals.cost));
    assert.notEqual(before, dollars(answer.totals.cost));
    for (const name of await tableNames(page, 'overview')) {
      assert.ok(name.startsWith(env.YM_TEAM + '_') || name === '__idle__', name);
    }
    assert.equal(await csvDownload(page, 'overview'), await api('/api/v1/costs.csv?window=7d&idle=separate&filter=team%3A' + env.YM_TEAM + '&aggregate=dag', undefined, 'csv'));
    await page.selectOption('#cluster', 'beta');
    await page.waitForFunction(() => location.hash.includes('cluster=beta') && document.getElementById('total-cost'));
    await page.waitForFunction((b) => document.getElementById('total-cost')?.textContent !== b, dollars(answer.totals.cost));
    const both = await api(base + '&filter=team:' + env.YM_TEAM + ',cluster:beta');
    assert.equal(await page.textContent('#total-cost'), dollars(both.totals.cost));
  });

  await check("a DAG's page draws its cost per run and links each run and attempt", async () => {
    await page.evaluate(() => { window.ymCharts = {}; location.hash = '#/overview'; });
    await drawn(page, 'chart-overview');
    const first = await page.$('#table-overview tbody a');
    const dagName = await first.textContent();
    await page.evaluate(() => { window.ymCharts = {}; });
    await first.click();
    const chart = await drawn(page, 'chart-dag');
    assert.deepEqual(chart.names.sort(), ['failed attempts', 'pool events', 'succeeded attempts']);
    assert.ok(chart.sum > 0);
    assert.equal(await page.textContent('#dag-name'), dagName);
    const runs = await api('/api/v1/costs?window=7d&idle=separate&filter=dag:' + dagName + '&aggregate=run');
    assert.equal((await tableNames(page, 'runs')).length, runs.sets[0].rows.filter((r) => !r.name.startsWith('__')).length);
    const airflow = await page.$$eval('#table-runs a[target="_blank"]', (a) => a.map((x) => x.href));
    assert.ok(airflow.length > 0 && airflow.every((h) => h.startsWith(env.YM_AIRFLOW_URL + '/dags/' + dagName + '/runs/')), airflow[0]);
    const jobs = await page.$$eval('#table-apps a.job-link', (a) => a.map((x) => x.dataset.job));
    assert.ok(jobs.length > 0 && jobs.every((j) => j.startsWith('/api/v1/jobs/job-')), jobs[0]);
    assert.equal(await csvDownload(page, 'apps'), await api('/api/v1/costs.csv?window=7d&idle=separate&filter=dag%3A' + dagName + '&aggregate=app', undefined, 'csv'));
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(env.YM_SHOTS, 'dashboard-dag.png') });
  });

  await check("a DAG's page marks its pools' scale events and spot evictions, and their CSV is the API's", async () => {
    const dagName = await page.textContent('#dag-name');
    const answer = await api('/api/v1/costs/events?window=7d&filter=dag%3A' + encodeURIComponent(dagName));
    assert.ok(answer.pools.includes('alpha-spot') && answer.pools.length >= 2, JSON.stringify(answer.pools));
    const kinds = new Set(answer.events.map((e) => e.kind));
    assert.deepEqual([...kinds].sort(), ['SCALE_IN', 'SCALE_OUT', 'SPOT_EVICTION']);
    const markers = await page.evaluate(() => {
      const instance = echarts.getInstanceByDom(document.getElementById('chart-dag'));
      const series = instance.getOption().series.find((s) => s.name === 'pool events');
      return series.data.map((d) => d.event.at + ' ' + d.event.kind + ' ' + d.event.pool);
    });
    assert.deepEqual(markers, answer.events.map((e) => e.at + ' ' + e.kind + ' ' + e.pool));
    assert.equal(await page.locator('#table-events tbody tr').count(), answer.events.length);
    const fields = ['at', 'kind', 'cluster', 'pool', 'vms', 'capacity', 'target'];
    const expected = [fields.join(','), ...answer.events.map((e) => fields.map((f) => (e[f] === null ? '' : String(e[f]))).join(','))].join('\r\n') + '\r\n';
    assert.equal(await csvDownload(page, 'events'), expected);
    const evicted = answer.events.filter((e) => e.kind === 'SPOT_EVICTION');
    assert.ok(evicted.every((e) => e.pool === 'alpha-spot' && e.vms > 0), JSON.stringify(evicted));
    assert.ok(!(await page.textContent('#page')).includes('null'), 'no stray null on the page');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(env.YM_SHOTS, 'dashboard-dag.png') });
  });

  await check('a team token sees only its own team, with idle as its share', async () => {
    const team = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
    const mine = await team.newPage();
    await signIn(mine, env.YM_TEAM_TOKEN);
    await drawn(mine, 'chart-overview');
    assert.equal(await mine.textContent('#team-fixed'), env.YM_TEAM);
    assert.equal(await mine.$('#team'), null);
    const names = await tableNames(mine, 'overview');
    assert.ok(names.length > 1);
    for (const name of names) assert.ok(name.startsWith(env.YM_TEAM + '_') || name === '__idle__', name);
    const answer = await api(base, env.YM_TEAM_TOKEN);
    const asAdmin = await api(base + '&filter=team:' + env.YM_TEAM);
    assert.equal(answer.totals.cost, asAdmin.totals.cost);
    assert.equal(await mine.textContent('#total-cost'), dollars(answer.totals.cost));
    assert.equal(await csvDownload(mine, 'overview'), await api('/api/v1/costs.csv?window=7d&idle=separate&aggregate=dag', env.YM_TEAM_TOKEN, 'csv'));
    await mine.screenshot({ path: join(env.YM_SHOTS, 'dashboard-team.png'), fullPage: true });
    await team.close();
  });

  const pools = await api('/api/v1/autoscaler/pools');
  const history = (pool, window) => api('/api/v1/autoscaler/pools/' + pool + '/history?window=' + window);

  await check('the capacity page draws demand, capacity and nodes per pool with the decisions as markers', async () => {
    assert.ok(pools.length >= 2, JSON.stringify(pools.map((p) => p.name)));
    await page.evaluate(() => { window.ymCharts = {}; location.hash = '#/capacity'; });
    const chart = await capacityChart(page);
    const answer = await history(pools[0].name, '24h');
    assert.ok(answer.buckets.length >= 250, 'buckets: ' + answer.buckets.length);
    assert.equal(chart.series['busy nodes'], answer.buckets.length);
    assert.equal(chart.series['pending demand (nodes)'], answer.buckets.length);
    assert.equal(chart.series.nodes, answer.buckets.length);
    assert.equal(chart.series.capacity, answer.buckets.filter((b) => b.capacity !== null).length);
    assert.ok(answer.decisions.length > 10 && answer.decisions.some((d) => d.action === 'SHRINK') && answer.decisions.some((d) => d.outcome === 'FAILED'));
    assert.deepEqual(chart.markers.map((m) => m.id), answer.decisions.map((d) => d.id));
    assert.ok(answer.buckets.some((b) => b.pendingNodes > 0), 'some pending demand');
    assert.equal(await page.inputValue('#pool'), pools[0].name);
    assert.deepEqual(await shownNumbers(page), capacityNumbers(answer));
    assert.equal(await page.locator('#table-decisions tbody tr').count(), answer.decisions.length);
    assert.equal(await page.$('#decisions-truncated'), null);
    assert.ok(!(await page.textContent('#page')).includes('null'), 'no stray null on the page');
    await page.screenshot({ path: join(env.YM_SHOTS, 'dashboard-capacity.png') });
  });

  await check('clicking a decision marker opens its reason, outcome, target and time', async () => {
    const answer = await history(pools[0].name, '24h');
    const chart = await capacityChart(page);
    // A marker with no other within 12 px, so the click can only be that one.
    const alone = chart.markers.filter((m) => chart.markers.every((o) => o === m || Math.hypot(o.x - m.x, o.y - m.y) > 12));
    assert.ok(alone.length > 0, 'a marker standing alone');
    for (const marker of [alone[0], alone[alone.length - 1]]) {
      const box = await page.locator('#chart-capacity').boundingBox();
      await page.mouse.click(box.x + marker.x, box.y + marker.y);
      await page.waitForSelector('#decision-detail:not([hidden])');
      const decision = answer.decisions.find((d) => d.id === marker.id);
      await page.waitForFunction((id) => document.querySelector('#decision-fields td[data-field="id"]')?.textContent === String(id), decision.id);
      assert.equal(await page.textContent('#decision-reason'), decision.reason);
      assert.equal(await page.textContent('#decision-fields td[data-field="outcome"]'), decision.outcome);
      assert.equal(await page.textContent('#decision-fields td[data-field="target"]'), String(decision.target));
      assert.equal(await page.textContent('#decision-fields td[data-field="time"]'), decision.tickAt);
    }
    await page.click('#decision-close');
    assert.equal(await page.isVisible('#decision-detail'), false);
  });

  await check("the capacity page's window and pool change the numbers to the API's", async () => {
    const day = await shownNumbers(page);
    await page.evaluate(() => { window.ymCharts = {}; });
    await page.selectOption('#window', '6h');
    await page.waitForFunction(() => location.hash.includes('window=6h'));
    await capacityChart(page);
    const six = await history(pools[0].name, '6h');
    assert.deepEqual(await shownNumbers(page), capacityNumbers(six));
    assert.notDeepEqual(await shownNumbers(page), day);
    assert.equal(await page.locator('#table-decisions tbody tr').count(), six.decisions.length);
    await page.evaluate(() => { window.ymCharts = {}; });
    await page.selectOption('#pool', pools[1].name);
    await page.waitForFunction((p) => location.hash.includes('pool=' + p), pools[1].name);
    const chart = await capacityChart(page);
    const other = await history(pools[1].name, '6h');
    assert.equal(await page.inputValue('#window'), '6h');
    assert.deepEqual(await shownNumbers(page), capacityNumbers(other));
    assert.notDeepEqual(capacityNumbers(other), capacityNumbers(six));
    assert.deepEqual(chart.markers.map((m) => m.id), other.decisions.map((d) => d.id));
  });

  await check("the decisions table's CSV download is the API's decisions", async () => {
    const answer = await history(pools[1].name, '6h');
    const csv = await csvDownload(page, 'decisions');
    assert.equal(csv, decisionsCsv(answer.decisions));
    assert.equal(csv.trimEnd().split('\r\n').length, answer.decisions.length + 1);
  });

  await check('a team token is told that capacity is for admins (the API answers 403)', async () => {
    const team = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const mine = await team.newPage();
    await signIn(mine, env.YM_TEAM_TOKEN);
    await drawn(mine, 'chart-overview');
    await mine.click('#nav a[data-page="capacity"]');
    await mine.waitForSelector('#capacity-admin-only');
    assert.match(await mine.textContent('#capacity-admin-only'), /Capacity is for admins/);
    assert.equal(await mine.$('#chart-capacity'), null);
    assert.equal(await mine.$('#error'), null);
    const refused = await fetch(URL + '/api/v1/autoscaler/pools/' + pools[0].name + '/history', { headers: { Authorization: 'Bearer ' + env.YM_TEAM_TOKEN } });
    assert.equal(refused.status, 403);
    await team.close();
  });

  await check('a refused token goes back to the sign-in form', async () => {
    const other = await browser.newContext();
    const tab = await other.newPage();
    await signIn(tab, 'not-a-token');
    await tab.waitForFunction(() => document.getElementById('signin-error').textContent.includes('refused'));
    assert.equal(await tab.isVisible('#signin'), true);
    await other.close();
  });

  await check("signing in with the identity provider (code flow, PKCE) shows the team's own costs", async () => {
    const corp = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const tab = await corp.newPage();
    await tab.goto(URL + '/');
    await tab.click('#signin-oidc-corp');
    await drawn(tab, 'chart-overview');
    assert.equal(await tab.textContent('#who'), 'team ' + env.YM_TEAM);
    assert.equal(await tab.textContent('#team-fixed'), env.YM_TEAM);
    assert.ok(!tab.url().includes('code=') && tab.url().startsWith(URL + '/'), tab.url());
    const idToken = await tab.evaluate(() => sessionStorage.getItem('yardmaster.token'));
    assert.equal(idToken.split('.').length, 3, 'the ID token is the bearer token');
    const answer = await api(base, idToken);
    assert.equal(await tab.textContent('#total-cost'), dollars(answer.totals.cost));
    assert.equal(answer.totals.cost, (await api(base, env.YM_TEAM_TOKEN)).totals.cost);
    await corp.close();
  });

  await check('a return from the identity provider that this tab did not start is refused', async () => {
    const forged = await browser.newContext();
    const tab = await forged.newPage();
    await tab.goto(URL + '/?code=stolen&state=forged');
    await tab.waitForFunction(() => document.getElementById('signin-error').textContent.includes('state does not match'));
    assert.equal(await tab.evaluate(() => sessionStorage.getItem('yardmaster.token')), null);
    assert.equal(await tab.isVisible('#signin'), true);
    await forged.close();
  });

  // Time to the first chart: a signed-in tab opening the overview, from navigation start.
  const times = [];
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.addInitScript((t) => sessionStorage.setItem('yardmaster.token', t), env.YM_ADMIN_TOKEN);
    const tab = await context.newPage();
    await tab.goto(URL + '/#/overview');
    times.push((await drawn(tab, 'chart-overview')).at);
    await context.close();
  }
  times.sort((a, b) => a - b);
  console.log('time to first chart (overview, ms): median ' + times[2].toFixed(0) + ', runs ' + times.map((t) => t.toFixed(0)).join(' '));
} finally {
  await browser.close();
}
console.log(`dashboard: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
