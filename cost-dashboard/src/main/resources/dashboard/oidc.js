// Sign-in with the company's identity provider: the OpenID Connect authorization-code flow with
// PKCE, run by the browser itself (a public client, no secret). Yardmaster only lists the
// providers (/auth/sign-in). It verifies the ID token the provider returns on every API call, as
// for any JWT bearer token (issuer, audience = the client id, expiry, signature).
import { el } from './format.js';

const FLOW = 'yardmaster.oidc.flow';

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function discover(issuer) {
  const response = await fetch(issuer.replace(/\/$/, '') + '/.well-known/openid-configuration');
  if (!response.ok) throw new Error('the identity provider\'s discovery answered HTTP ' + response.status);
  return response.json();
}

function redirectUri() {
  return location.origin + location.pathname;
}

async function start(provider) {
  const metadata = await discover(provider.issuer);
  // The token endpoint is kept with the flow: the return needs no second discovery read.
  const flow = {
    provider, tokenEndpoint: metadata.token_endpoint,
    verifier: random(), state: random(), nonce: random(), hash: location.hash,
  };
  sessionStorage.setItem(FLOW, JSON.stringify(flow));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(flow.verifier)));
  const url = new URL(metadata.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: provider.clientId,
    redirect_uri: redirectUri(),
    scope: provider.scope,
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

function claims(jwt) {
  const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0))));
}

// On the way back from the provider: the ID token for the code, or null when this is no return.
// Throws with a reason the page shows when the answer is not the one this tab asked for.
export async function finish() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return null;
  const flow = JSON.parse(sessionStorage.getItem(FLOW) || 'null');
  sessionStorage.removeItem(FLOW);
  history.replaceState(null, '', redirectUri() + (flow ? flow.hash : ''));
  if (params.has('error')) {
    throw new Error('the identity provider refused: ' + params.get('error') + ' ' + (params.get('error_description') || ''));
  }
  if (!flow || params.get('state') !== flow.state) {
    throw new Error('this sign-in was not started in this tab (state does not match); sign in again');
  }
  const response = await fetch(flow.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: redirectUri(),
      client_id: flow.provider.clientId,
      code_verifier: flow.verifier,
    }).toString(),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok || !answer.id_token) {
    throw new Error('the identity provider gave no ID token: ' + (answer.error || 'HTTP ' + response.status));
  }
  if (claims(answer.id_token).nonce !== flow.nonce) {
    throw new Error('the ID token was not issued for this sign-in (nonce does not match)');
  }
  return answer.id_token;
}

// One button per provider Yardmaster lists, into `container`.
export async function providers(container) {
  let options = { providers: [] };
  try {
    const response = await fetch('/auth/sign-in', { headers: { Accept: 'application/json' } });
    if (response.ok) options = await response.json();
  } catch (e) { /* no providers: token sign-in only */ }
  container.replaceChildren(...options.providers.map((provider) => {
    const button = el('button', { type: 'button', id: 'signin-oidc-' + provider.name, text: 'Sign in with ' + provider.name });
    button.addEventListener('click', () => start(provider).catch((error) => {
      document.getElementById('signin-error').textContent = String(error.message || error);
    }));
    return button;
  }));
}
