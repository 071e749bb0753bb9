import { ApiError, json, query } from './api.js';
import { chart } from './charts.js';
import { csvText, el } from './format.js';
import { table } from './table.js';

// Rolling windows of the autoscaler's history API (its window is not the cost API's calendar one).
const WINDOWS = ['6h', '24h', '7d', '30d'];
export const CAPACITY_WINDOW = '24h';
const COLORS = {
  'busy nodes': '#5fa8ff',
  'pending demand (nodes)': '#f4a259',
  capacity: '#1d2733',
  nodes: '#2a9d8f',
  target: '#8e7dbe',
};
const OUTCOME_COLORS = { APPLIED: '#2a9d8f', SKIPPED: '#9aa3ae', FAILED: '#e4572e' };

// The decisions' table as CSV: one line per decision of the answer, the API's fields in its order.
const CSV_FIELDS = ['id', 'tickAt', 'pool', 'cluster', 'action', 'outcome', 'target', 'capacity', 'nodes', 'freeNodes', 'bootingVms', 'pendingVcores', 'pendingMemoryMb', 'reason'];

function select(id, label, options, value, onchange) {
  const node = el('select', { id, onchange: (e) => onchange(e.target.value) });
  for (const option of options) {
    const item = el('option', { value: option, text: option });
    if (option === value) item.selected = true;
    node.append(item);
  }
  return el('label', {}, label, node);
}

function minute(iso) {
  return iso.replace('T', ' ').replace(/:00(\.0+)?Z$/, '').replace('Z', '');
}

function detail(node, decision) {
  const row = (label, value) => el('tr', {}, el('th', { text: label }), el('td', { 'data-field': label, text: value === null || value === undefined ? '' : String(value) }));
  node.hidden = false;
  node.replaceChildren(
    el('div', { class: 'table-head' }, el('h2', { text: decision.action + ' ' + decision.outcome + ' at ' + minute(decision.tickAt) + ' UTC' }),
      el('button', { id: 'decision-close', text: 'Close', onclick: () => { node.hidden = true; } })),
    el('table', { id: 'decision-fields' },
      row('id', decision.id),
      row('time', decision.tickAt),
      row('action', decision.action),
      row('outcome', decision.outcome),
      row('target', decision.target),
      row('capacity', decision.capacity),
      row('nodes', decision.nodes),
      row('free nodes', decision.freeNodes),
      row('booting VMs', decision.bootingVms),
      row('pending vcores', decision.pendingVcores),
      row('pending memory MB', decision.pendingMemoryMb),
      row('policy', decision.policy),
      row('instance', decision.schedulerId)),
    el('p', { id: 'decision-reason', text: decision.reason }),
  );
}

function drawChart(node, history, onMarker) {
  const at = (b) => Date.parse(b.start);
  const line = (name, value, extra = {}) => ({
    name,
    type: 'line',
    step: 'end',
    showSymbol: false,
    data: history.buckets.filter((b) => value(b) !== null).map((b) => [at(b), value(b)]),
    itemStyle: { color: COLORS[name] },
    ...extra,
  });
  const markers = history.decisions.map((d) => ({
    value: [Date.parse(d.tickAt), d.target],
    decision: d,
    symbol: d.action === 'HOLD' ? 'diamond' : 'triangle',
    symbolRotate: d.action === 'SHRINK' ? 180 : 0,
    itemStyle: { color: OUTCOME_COLORS[d.outcome] || '#556' },
  }));
  const instance = chart(node, {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 60, right: 20, top: 40, bottom: 60 },
    xAxis: { type: 'time', min: Date.parse(history.start), max: Date.parse(history.end) },
    yAxis: { type: 'value', name: 'nodes', minInterval: 1 },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
    series: [
      line('busy nodes', (b) => b.busyNodes, { stack: 'demand', areaStyle: { opacity: 0.5 } }),
      line('pending demand (nodes)', (b) => b.pendingNodes, { stack: 'demand', areaStyle: { opacity: 0.5 } }),
      line('capacity', (b) => b.capacity, { lineStyle: { width: 2 } }),
      line('nodes', (b) => b.nodes),
      line('target', (b) => b.target, { lineStyle: { type: 'dashed' } }),
      {
        name: 'decisions',
        type: 'scatter',
        symbolSize: 14,
        data: markers,
        z: 10,
        tooltip: { trigger: 'item', formatter: (p) => p.data.decision.action + ' ' + p.data.decision.outcome + ' → ' + p.data.decision.target + '<br>' + p.data.decision.reason.slice(0, 120) },
        itemStyle: { color: '#556' },
      },
    ],
  });
  instance.on('click', (params) => {
    if (params.seriesName === 'decisions') onMarker(params.data.decision);
  });
  return instance;
}

function summaryOf(history) {
  const peak = (value) => history.buckets.reduce((m, b) => Math.max(m, value(b) ?? 0), 0);
  return {
    demand: peak((b) => b.busyNodes + b.pendingNodes),
    nodes: peak((b) => b.nodes),
    capacity: peak((b) => b.capacity),
    grows: history.decisions.filter((d) => d.action === 'GROW').length,
    shrinks: history.decisions.filter((d) => d.action === 'SHRINK').length,
    failed: history.decisions.filter((d) => d.outcome === 'FAILED').length,
  };
}

export async function capacity(page, state, ctx) {
  let pools;
  try {
    pools = await json('/api/v1/autoscaler/pools');
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
      page.replaceChildren(
        el('h1', { text: 'Capacity' }),
        el('p', {
          id: 'capacity-admin-only',
          class: 'card',
          text: error.status === 403
            ? 'Capacity is for admins: the node pools and the autoscaler\'s decisions are operations data, and this token (' + (ctx.team ? 'team ' + ctx.team : 'not an admin') + ') may not read them. Sign in with an admin token to see them.'
            : 'The autoscaler does not run on this server (its API answered 404), so there is no capacity to show.',
        }),
      );
      return;
    }
    throw error;
  }
  if (pools.length === 0) {
    page.replaceChildren(el('h1', { text: 'Capacity' }), el('p', { id: 'capacity-no-pools', text: 'No node pools are configured.' }));
    return;
  }
  const names = pools.map((p) => p.name);
  const pool = names.includes(state.pool) ? state.pool : names[0];
  const window = WINDOWS.includes(state.window) ? state.window : CAPACITY_WINDOW;
  const history = await json('/api/v1/autoscaler/pools/' + encodeURIComponent(pool) + '/history?' + query({ window }));
  const info = pools.find((p) => p.name === pool);
  const numbers = summaryOf(history);
  const go = (change) => ctx.go({ ...state, window, pool, ...change }, 'capacity');
  const controls = el(
    'div',
    { class: 'controls' },
    select('pool', 'Node pool', names, pool, (v) => go({ pool: v })),
    select('window', 'Window', WINDOWS, window, (v) => go({ window: v })),
  );
  const summary = el(
    'div',
    { class: 'summary card' },
    el('span', {}, 'Peak demand ', el('b', { id: 'cap-peak-demand', text: String(numbers.demand) })),
    el('span', {}, 'Peak nodes ', el('b', { id: 'cap-peak-nodes', text: String(numbers.nodes) })),
    el('span', {}, 'Peak capacity ', el('b', { id: 'cap-peak-capacity', text: String(numbers.capacity) })),
    el('span', {}, 'Grows ', el('b', { id: 'cap-grows', text: String(numbers.grows) })),
    el('span', {}, 'Shrinks ', el('b', { id: 'cap-shrinks', text: String(numbers.shrinks) })),
    el('span', {}, 'Failed ', el('b', { id: 'cap-failed', text: String(numbers.failed) })),
    el('span', {}, info.cluster + ', ' + info.sku + ', ' + history.minNodes + '–' + history.maxNodes + ' nodes' + (info.paused ? ', paused' : '')),
    el('span', {}, minute(history.start) + ' to ' + minute(history.end) + ' UTC, per ' + history.step),
  );
  const chartNode = el('div', { id: 'chart-capacity', class: 'chart' });
  const panel = el('div', { id: 'decision-detail', class: 'card detail' });
  panel.hidden = true;
  const newestFirst = [...history.decisions].reverse();
  const columns = [
    { key: 'tickAt', label: 'Time (UTC)', value: (d) => d.tickAt, render: (d) => el('a', { href: '#decision-detail', class: 'decision-link', 'data-id': String(d.id), text: minute(d.tickAt), onclick: (e) => { e.preventDefault(); detail(panel, d); } }) },
    { key: 'action', label: 'Action', value: (d) => d.action, render: (d) => d.action },
    { key: 'outcome', label: 'Outcome', value: (d) => d.outcome, render: (d) => d.outcome },
    { key: 'target', label: 'Target', value: (d) => d.target, render: (d) => String(d.target) },
    { key: 'capacity', label: 'Capacity', value: (d) => d.capacity ?? -1, render: (d) => (d.capacity === null ? '' : String(d.capacity)) },
    { key: 'nodes', label: 'Nodes', value: (d) => d.nodes, render: (d) => String(d.nodes) },
    { key: 'busy', label: 'Busy', value: (d) => d.nodes - d.freeNodes, render: (d) => String(d.nodes - d.freeNodes) },
    { key: 'pendingVcores', label: 'Pending vcores', value: (d) => d.pendingVcores, render: (d) => String(d.pendingVcores) },
    { key: 'reason', label: 'Reason', value: (d) => d.reason, render: (d) => el('span', { class: 'reason', title: d.reason, text: d.reason }) },
  ];
  const parts = [
    el('h1', { text: 'Capacity' }),
    controls,
    summary,
    el('div', { class: 'card' },
      el('h2', { text: pool + ': demand (busy nodes + pending demand in nodes) vs capacity vs nodes; the markers are the autoscaler\'s decisions (click one)' }),
      chartNode),
    panel,
    history.truncated ? el('p', { id: 'decisions-truncated', text: 'More decisions than shown: the newest ' + history.decisions.length + ' of the window.' }) : null,
    table('decisions', 'Decisions that acted (' + history.decisions.length + ')', columns, newestFirst, null, () => csvText(CSV_FIELDS, history.decisions)),
  ];
  page.replaceChildren(...parts.filter((part) => part !== null));
  drawChart(chartNode, history, (decision) => detail(panel, decision));
}
