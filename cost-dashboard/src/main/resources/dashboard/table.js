import { costsCsv } from './api.js';
import { el } from './format.js';

// A sortable table with a CSV download of the very query it shows: csv is the cost API's query
// (its /api/v1/costs.csv answer is downloaded) or a function giving the CSV text of the rows.
// columns: [{ key, label, value(row) -> sortable, render(row) -> text or node, numeric }]
export function table(id, title, columns, rows, totals, csv) {
  let sortKey = null;
  let direction = 'descending';
  const body = el('tbody');
  const head = el('tr');
  const draw = () => {
    const sorted = [...rows];
    if (sortKey) {
      const column = columns.find((c) => c.key === sortKey);
      sorted.sort((a, b) => {
        const x = column.value(a);
        const y = column.value(b);
        const order = x < y ? -1 : x > y ? 1 : 0;
        return direction === 'ascending' ? order : -order;
      });
    }
    body.replaceChildren(
      ...sorted.map((row) =>
        el('tr', {}, ...columns.map((c) => el('td', { 'data-key': c.key }, c.render(row)))),
      ),
    );
    for (const th of head.children) {
      if (th.dataset.key === sortKey) th.setAttribute('aria-sort', direction);
      else th.removeAttribute('aria-sort');
    }
  };
  for (const column of columns) {
    head.append(
      el('th', {
        'data-key': column.key,
        text: column.label,
        onclick: () => {
          direction = sortKey === column.key && direction === 'descending' ? 'ascending' : 'descending';
          sortKey = column.key;
          draw();
        },
      }),
    );
  }
  const foot = totals
    ? el('tfoot', {}, el('tr', {}, ...columns.map((c) => el('td', { 'data-key': c.key }, c.total ? c.total(totals) : ''))))
    : null;
  draw();
  const download = el('button', {
    class: 'csv',
    'data-table': id,
    text: 'Download CSV',
    onclick: async () => {
      const text = typeof csv === 'function' ? csv() : await costsCsv(csv);
      const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
      const link = el('a', { href: url, download: id + '.csv' });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    },
  });
  return el(
    'div',
    { class: 'card' },
    el('div', { class: 'table-head' }, el('h2', { text: title }), download),
    el('table', { id: 'table-' + id }, el('thead', {}, head), body, foot),
  );
}
