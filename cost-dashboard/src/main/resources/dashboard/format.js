// Amounts arrive as exact decimal strings and integer micro-dollars; nothing here adds floats.
export function dollars(text) {
  const [whole, fraction = ''] = String(text).split('.');
  const cents = (fraction + '00').slice(0, 2);
  return '$' + Number(whole).toLocaleString('en-US') + '.' + cents;
}

// micro-dollars / n, as dollars with 6 decimals, by integer arithmetic.
export function perRun(costMicros, runs) {
  if (!runs) return '';
  const micros = BigInt(costMicros);
  const n = BigInt(runs);
  const each = (micros + n / 2n) / n;
  const whole = each / 1000000n;
  const fraction = (each % 1000000n).toString().padStart(6, '0');
  return whole.toString() + '.' + fraction;
}

export function percent(text) {
  if (text === null || text === undefined || text === '') return '';
  return (Number(text) * 100).toFixed(1) + '%';
}

export function hour(iso) {
  return iso ? iso.replace('T', ' ').replace(':00:00Z', 'h').replace('Z', '') : '';
}

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

// RFC 4180 text of some objects: a header of the fields, then one CRLF line per object.
export function csvText(fields, items) {
  const cell = (value) => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  };
  return [fields, ...items.map((item) => fields.map((f) => item[f]))]
    .map((line) => line.map(cell).join(','))
    .join('\r\n') + '\r\n';
}
