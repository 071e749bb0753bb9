import { ApiError, costs, signIn, signOut, token } from './api.js';
import { CAPACITY_WINDOW, capacity } from './capacity.js';
import { dag } from './dag.js';
import { el } from './format.js';
import { overview } from './overview.js';
import { finish, providers } from './oidc.js';

const DEFAULTS = { window: '7d', step: '1d', idle: 'separate', team: '', cluster: '', top: 8, pool: '' };
// The capacity page's windows are the autoscaler history's (rolling), with a shorter default.
const defaultsOf = (name) => (name === 'capacity' ? { ...DEFAULTS, window: CAPACITY_WINDOW } : DEFAULTS);
const page = document.getElementById('page');
const form = document.getElementById('signin');
let context = null;

function route() {
  const hash = location.hash.replace(/^#\/?/, '') || 'overview';
  const [path, search = ''] = hash.split('?');
  const params = Object.fromEntries(new URLSearchParams(search));
  const [name, arg] = path.split('/');
  const state = { ...defaultsOf(name), ...params, top: Number(params.top || DEFAULTS.top) };
  return { name, arg: arg ? decodeURIComponent(arg) : null, state };
}

function go(state, name = 'overview', arg = null) {
  const search = new URLSearchParams();
  const defaults = defaultsOf(name);
  for (const [key, value] of Object.entries(state)) {
    if (value !== '' && value !== defaults[key]) search.set(key, value);
  }
  location.hash = '#/' + name + (arg ? '/' + encodeURIComponent(arg) : '') + (search.toString() ? '?' + search : '');
}

// Who the token is: a team token's answers carry its team as a filter it did not ask for.
async function who() {
  const teams = await costs({ window: '30d', aggregate: 'team' });
  const own = (teams.filter || []).find((f) => f.startsWith('team:'));
  const clusters = await costs({ window: '30d', aggregate: 'cluster' });
  const names = (answer) =>
    answer.sets[0].rows.map((r) => r.name).filter((n) => !n.startsWith('__'));
  return {
    team: own ? own.slice(5) : null,
    teams: names(teams),
    clusters: names(clusters).map((n) => n.split('/')[0]),
    go,
  };
}

async function render() {
  if (!token()) {
    form.hidden = false;
    page.replaceChildren();
    document.getElementById('nav').hidden = true;
    document.getElementById('signout').hidden = true;
    return;
  }
  form.hidden = true;
  document.getElementById('nav').hidden = false;
  document.getElementById('signout').hidden = false;
  const { name, arg, state } = route();
  for (const link of document.querySelectorAll('#nav a')) {
    link.classList.toggle('active', link.dataset.page === name);
  }
  page.replaceChildren(el('p', { id: 'loading', text: 'Loading…' }));
  try {
    context = context || (await who());
    document.getElementById('who').textContent = context.team ? 'team ' + context.team : 'admin';
    if (name === 'dag' && arg) {
      await dag(page, state, arg);
    } else if (name === 'capacity') {
      await capacity(page, state, context);
    } else {
      await overview(page, state, context);
    }
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      signOut();
      context = null;
      document.getElementById('signin-error').textContent = 'That token was refused: ' + error.message;
      return render();
    }
    page.replaceChildren(el('p', { class: 'error', id: 'error', text: String(error.message || error) }));
  }
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  signIn(document.getElementById('token').value);
  document.getElementById('signin-error').textContent = '';
  context = null;
  render();
});
document.getElementById('signout').addEventListener('click', () => {
  signOut();
  context = null;
  render();
});
window.addEventListener('hashchange', render);
providers(document.getElementById('providers'));
finish()
  .then((idToken) => { if (idToken) signIn(idToken); })
  .catch((error) => { document.getElementById('signin-error').textContent = String(error.message || error); })
  .finally(render);
