// Every call to the API carries the token the user signed in with (kept in sessionStorage).
const KEY = 'yardmaster.token';

export function token() {
  return sessionStorage.getItem(KEY);
}

export function signIn(value) {
  sessionStorage.setItem(KEY, value.trim());
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : 'HTTP ' + status);
    this.status = status;
    this.body = body;
  }
}

async function call(path, accept) {
  const response = await fetch(path, {
    headers: { Authorization: 'Bearer ' + token(), Accept: accept },
  });
  if (!response.ok) {
    let body = null;
    try { body = await response.json(); } catch (e) { /* not JSON */ }
    throw new ApiError(response.status, body);
  }
  return response;
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, value);
  }
  return search.toString();
}

export async function costs(params) {
  return (await call('/api/v1/costs?' + query(params), 'application/json')).json();
}

export async function costsCsv(params) {
  return (await call('/api/v1/costs.csv?' + query(params), 'text/csv')).text();
}

export async function json(path) {
  return (await call(path, 'application/json')).json();
}
