import { costs, json } from './api.js';
import { stackedBars } from './charts.js';
import { dollars, el, hour, percent } from './format.js';
import { table } from './table.js';

function links(row) {
  const node = el('span', { class: 'links' });
  if (row.links.job) {
    node.append(
      el('a', {
        href: '#',
        class: 'job-link',
        'data-job': row.links.job,
        text: 'job',
        onclick: async (e) => {
          e.preventDefault();
          const out = document.getElementById('job');
          out.textContent = JSON.stringify(await json(row.links.job).catch((err) => ({ error: err.message })), null, 2);
          out.hidden = false;
        },
      }),
    );
  }
  if (row.links.sparkUi) node.append(el('a', { href: row.links.sparkUi, target: '_blank', rel: 'noopener', text: 'Spark UI' }));
  if (row.links.airflow) node.append(el('a', { href: row.links.airflow, target: '_blank', rel: 'noopener', text: 'Airflow' }));
  return node;
}

const money = (key, label) => ({
  key,
  label,
  value: (r) => Number(r[key]),
  render: (r) => dollars(r[key]),
  total: (t) => dollars(t[key]),
});

export async function dag(page, state, dagId) {
  const base = { window: state.window, idle: state.idle, filter: 'dag:' + dagId };
  const [runs, apps] = await Promise.all([
    costs({ ...base, aggregate: 'run' }),
    costs({ ...base, aggregate: 'app' }),
  ]);
  const runRows = [...runs.sets[0].rows].filter((r) => !r.name.startsWith('__idle__'));
  runRows.sort((a, b) => (a.firstHour < b.firstHour ? -1 : 1));
  const chartNode = el('div', { id: 'chart-dag', class: 'chart' });
  const runColumns = [
    { key: 'run', label: 'Run', value: (r) => r.properties.run, render: (r) => r.properties.run || r.name },
    { key: 'firstHour', label: 'First hour', value: (r) => r.firstHour, render: (r) => hour(r.firstHour) },
    money('cost', 'Cost'),
    { key: 'coreHours', label: 'Core-hours', value: (r) => Number(r.coreHours), render: (r) => r.coreHours, total: (t) => t.coreHours },
    money('failedCost', 'Failed-attempt waste'),
    { key: 'efficiency', label: 'Efficiency', value: (r) => Number(r.efficiency ?? -1), render: (r) => percent(r.efficiency) },
    { key: 'links', label: 'Links', value: () => 0, render: links },
  ];
  const appColumns = [
    { key: 'task', label: 'Task', value: (r) => r.properties.task, render: (r) => r.properties.task || '' },
    { key: 'run', label: 'Run', value: (r) => r.properties.run, render: (r) => r.properties.run || '' },
    { key: 'try', label: 'Try', value: (r) => r.properties.try, render: (r) => r.properties.try || '' },
    { key: 'app', label: 'YARN app', value: (r) => r.properties.app, render: (r) => r.properties.app || '' },
    money('cost', 'Cost'),
    money('failedCost', 'Failed'),
    { key: 'links', label: 'Links', value: () => 0, render: links },
  ];
  page.replaceChildren(
    el('h1', {}, 'DAG ', el('span', { id: 'dag-name', text: dagId })),
    el('p', {}, el('a', { href: '#/overview', text: '← Overview' }), ' · window ' + state.window + ', idle ' + state.idle),
    el('div', { class: 'card' }, el('h2', { text: 'Cost per run' }), chartNode),
    table('runs', 'Runs', runColumns, runRows, runs.sets[0].totals, { ...base, aggregate: 'run' }),
    table('apps', 'Attempts (YARN apps)', appColumns, apps.sets[0].rows.filter((r) => !r.name.startsWith('__idle__')), apps.sets[0].totals, { ...base, aggregate: 'app' }),
    el('pre', { id: 'job', hidden: '' }),
  );
  stackedBars(
    chartNode,
    runRows.map((r) => r.properties.run),
    [
      { name: 'succeeded attempts', data: runRows.map((r) => (r.costMicros - Math.round(Number(r.failedCost) * 1e6)) / 1e6) },
      { name: 'failed attempts', data: runRows.map((r) => Number(r.failedCost)) },
    ],
    'USD per run',
  );
}
