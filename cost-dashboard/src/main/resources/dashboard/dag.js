import { costs, json, query } from './api.js';
import { chart } from './charts.js';
import { csvText, dollars, el, hour, percent } from './format.js';
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

// The pool events' markers: a scale-out points up, a scale-in down, an eviction is a red pin.
const EVENTS = {
  SCALE_OUT: { label: 'scale-out', symbol: 'triangle', rotate: 0, color: '#2a9d8f' },
  SCALE_IN: { label: 'scale-in', symbol: 'triangle', rotate: 180, color: '#8e7dbe' },
  SPOT_EVICTION: { label: 'spot eviction', symbol: 'pin', rotate: 0, color: '#e4572e' },
};
const EVENT_FIELDS = ['at', 'kind', 'cluster', 'pool', 'vms', 'capacity', 'target'];

function eventText(e) {
  const size = e.kind === 'SPOT_EVICTION' ? '' : ' (' + (e.capacity ?? '?') + ' → ' + e.target + ')';
  return EVENTS[e.kind].label + ': ' + (e.vms ?? '?') + ' VMs of ' + e.pool + size;
}

// Each run's cost at its first hour, stacked succeeded / failed, and the pools' events on the
// same time axis: a run that got dearer after an eviction shows it.
function drawChart(node, runRows, events, window) {
  const at = (r) => Date.parse(r.firstHour);
  const bar = (value) => ({ type: 'bar', stack: 'cost', barMaxWidth: 24, ...value });
  const top = runRows.reduce((m, r) => Math.max(m, r.costMicros / 1e6), 0) || 1;
  const markers = events.map((e) => ({
    value: [Date.parse(e.at), top * 1.08],
    event: e,
    symbol: EVENTS[e.kind].symbol,
    symbolRotate: EVENTS[e.kind].rotate,
    itemStyle: { color: EVENTS[e.kind].color },
  }));
  return chart(node, {
    animation: false,
    legend: { top: 0 },
    grid: { left: 60, right: 20, top: 40, bottom: 60 },
    xAxis: { type: 'time', min: Date.parse(window.start), max: Date.parse(window.end) },
    yAxis: { type: 'value', name: 'USD per run' },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
    series: [
      bar({
        name: 'succeeded attempts',
        data: runRows.map((r) => ({ value: [at(r), (r.costMicros - Math.round(Number(r.failedCost) * 1e6)) / 1e6], run: r })),
        itemStyle: { color: '#5fa8ff' },
      }),
      bar({
        name: 'failed attempts',
        data: runRows.map((r) => ({ value: [at(r), Number(r.failedCost)], run: r })),
        itemStyle: { color: '#e4572e' },
      }),
      {
        name: 'pool events',
        type: 'scatter',
        symbolSize: 14,
        z: 10,
        data: markers,
        itemStyle: { color: '#556' },
      },
    ],
    tooltip: {
      trigger: 'item',
      formatter: (p) => (p.data.event
        ? p.data.event.at.replace('T', ' ').replace('Z', '') + '<br>' + eventText(p.data.event)
        : p.data.run.properties.run + '<br>' + p.seriesName + ': $' + Number(p.data.value[1]).toFixed(2)),
    },
  });
}

export async function dag(page, state, dagId) {
  const base = { window: state.window, idle: state.idle, filter: 'dag:' + dagId };
  const [runs, apps, events] = await Promise.all([
    costs({ ...base, aggregate: 'run' }),
    costs({ ...base, aggregate: 'app' }),
    json('/api/v1/costs/events?' + query({ window: state.window, filter: base.filter })),
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
  const eventColumns = [
    { key: 'at', label: 'Time (UTC)', value: (e) => e.at, render: (e) => e.at.replace('T', ' ').replace('Z', '') },
    { key: 'kind', label: 'Event', value: (e) => e.kind, render: (e) => EVENTS[e.kind].label },
    { key: 'pool', label: 'Pool', value: (e) => e.pool, render: (e) => e.cluster + ' / ' + e.pool },
    { key: 'vms', label: 'VMs', value: (e) => e.vms ?? -1, render: (e) => (e.vms === null ? '' : String(e.vms)) },
    { key: 'size', label: 'Capacity', value: (e) => e.target ?? -1, render: (e) => (e.target === null ? '' : (e.capacity ?? '?') + ' → ' + e.target) },
  ];
  const parts = [
    el('h1', {}, 'DAG ', el('span', { id: 'dag-name', text: dagId })),
    el('p', {}, el('a', { href: '#/overview', text: '← Overview' }), ' · window ' + state.window + ', idle ' + state.idle),
    el('div', { class: 'card' }, el('h2', { text: 'Cost per run, with its pools\' scale events and spot evictions' }), chartNode),
    table('runs', 'Runs', runColumns, runRows, runs.sets[0].totals, { ...base, aggregate: 'run' }),
    events.truncated ? el('p', { id: 'events-truncated', text: 'More pool events than shown: the newest ' + events.events.length + ' of the window.' }) : null,
    table('events', 'Events of its pools (' + events.pools.join(', ') + ')', eventColumns, [...events.events].reverse(), null, () => csvText(EVENT_FIELDS, events.events)),
    table('apps', 'Attempts (YARN apps)', appColumns, apps.sets[0].rows.filter((r) => !r.name.startsWith('__idle__')), apps.sets[0].totals, { ...base, aggregate: 'app' }),
    el('pre', { id: 'job', hidden: '' }),
  ];
  page.replaceChildren(...parts.filter((part) => part !== null));
  drawChart(chartNode, runRows, events.events, runs);
}
