import { costs } from './api.js';
import { stackedBars } from './charts.js';
import { dollars, el, perRun, percent, hour } from './format.js';
import { table } from './table.js';

const WINDOWS = ['24h', '7d', '30d', 'today', 'yesterday', 'week', 'month', 'lastmonth'];
const STEPS = ['1h', '1d'];
const IDLE = ['separate', 'share', 'cause'];

function select(id, label, options, value, onchange) {
  const node = el('select', { id, onchange: (e) => onchange(e.target.value) });
  for (const option of options) {
    const [val, text] = Array.isArray(option) ? option : [option, option];
    const item = el('option', { value: val, text });
    if (val === value) item.selected = true;
    node.append(item);
  }
  return el('label', {}, label, node);
}

function filterOf(state) {
  const parts = [];
  if (state.team) parts.push('team:' + state.team);
  if (state.cluster) parts.push('cluster:' + state.cluster);
  return parts.join(',');
}

export function dagColumns(linkToDag) {
  return [
    { key: 'name', label: 'DAG', value: (r) => r.name, render: (r) => linkToDag(r) },
    { key: 'cost', label: 'Cost', value: (r) => r.costMicros, render: (r) => dollars(r.cost), total: (t) => dollars(t.cost) },
    { key: 'coreHours', label: 'Core-hours', value: (r) => Number(r.coreHours), render: (r) => r.coreHours, total: (t) => t.coreHours },
    { key: 'memoryGbHours', label: 'Memory GB-hours', value: (r) => Number(r.memoryGbHours), render: (r) => r.memoryGbHours, total: (t) => t.memoryGbHours },
    { key: 'runs', label: 'Runs', value: (r) => r.runs, render: (r) => String(r.runs), total: (t) => String(t.runs) },
    { key: 'costPerRun', label: 'Cost per run', value: (r) => (r.runs ? r.costMicros / r.runs : 0), render: (r) => (r.runs ? dollars(perRun(r.costMicros, r.runs)) : '') },
    { key: 'failedCost', label: 'Failed-attempt waste', value: (r) => Number(r.failedCost), render: (r) => dollars(r.failedCost), total: (t) => dollars(t.failedCost) },
    { key: 'efficiency', label: 'Efficiency', value: (r) => Number(r.efficiency ?? -1), render: (r) => percent(r.efficiency), total: (t) => percent(t.efficiency) },
  ];
}

// Top N DAGs over the window, the rest as "other", idle as "idle": one stacked bar per step.
function series(answer, top) {
  const totals = new Map();
  for (const set of answer.sets) {
    for (const row of set.rows) {
      if (!row.name.startsWith('__idle__')) totals.set(row.name, (totals.get(row.name) || 0) + row.costMicros);
    }
  }
  const leaders = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map((e) => e[0]);
  const names = [...leaders, 'other', 'idle'];
  const data = Object.fromEntries(names.map((n) => [n, answer.sets.map(() => 0)]));
  answer.sets.forEach((set, i) => {
    for (const row of set.rows) {
      const name = row.name.startsWith('__idle__') ? 'idle' : leaders.includes(row.name) ? row.name : 'other';
      data[name][i] += row.costMicros;
    }
  });
  return names
    .map((name) => ({ name, data: data[name].map((micros) => micros / 1e6) }))
    .filter((s) => s.data.some((v) => v !== 0));
}

export async function overview(page, state, ctx) {
  const base = { window: state.window, idle: state.idle, filter: filterOf(state) };
  const [stepped, whole] = await Promise.all([
    costs({ ...base, aggregate: 'dag', step: state.step }),
    costs({ ...base, aggregate: 'dag' }),
  ]);
  const controls = el(
    'div',
    { class: 'controls' },
    select('window', 'Window', WINDOWS, state.window, (v) => ctx.go({ ...state, window: v })),
    select('step', 'Step', STEPS, state.step, (v) => ctx.go({ ...state, step: v })),
    select('idle', 'Idle', IDLE, state.idle, (v) => ctx.go({ ...state, idle: v })),
    ctx.team
      ? el('label', {}, 'Team', el('span', { id: 'team-fixed', text: ctx.team }))
      : select('team', 'Team', [['', 'all teams'], ...ctx.teams], state.team || '', (v) => ctx.go({ ...state, team: v })),
    select('cluster', 'Cluster', [['', 'all clusters'], ...ctx.clusters], state.cluster || '', (v) => ctx.go({ ...state, cluster: v })),
  );
  const chartNode = el('div', { id: 'chart-overview', class: 'chart' });
  const summary = el(
    'div',
    { class: 'summary card' },
    el('span', {}, 'Total ', el('b', { id: 'total-cost', text: dollars(whole.totals.cost) })),
    el('span', {}, 'Runs ', el('b', { id: 'total-runs', text: String(whole.totals.runs) })),
    el('span', {}, 'Failed-attempt waste ', el('b', { id: 'total-failed', text: dollars(whole.totals.failedCost) })),
    el('span', {}, hour(whole.start) + ' to ' + hour(whole.end) + ' UTC'),
  );
  const rows = whole.sets[0].rows;
  const link = (r) =>
    r.name.startsWith('__')
      ? r.name
      : el('a', { href: '#/dag/' + encodeURIComponent(r.properties.dag) + '?window=' + state.window, text: r.name });
  page.replaceChildren(
    el('h1', { text: 'Overview' }),
    controls,
    summary,
    el('div', { class: 'card' }, el('h2', { text: 'Cost over time per DAG (top ' + state.top + ', other, idle)' }), chartNode),
    table('overview', 'DAGs', dagColumns(link), rows, whole.totals, { ...base, aggregate: 'dag' }),
  );
  stackedBars(chartNode, stepped.sets.map((s) => hour(s.start)), series(stepped, state.top), 'USD');
}
