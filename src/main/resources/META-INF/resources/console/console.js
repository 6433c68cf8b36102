// Roster admin console: sign-in with an admin JWT, then the organization settings tabs.
// Plain ES modules, no build step; the admin API (/api/v1) is the only back end.

import { api, ApiError, enc, probe, session } from './api.js';
import { h, errorMessage, note, roleLabel, currentMonth } from './dom.js';
import * as groupsTab from './groups.js';
import * as rolesTab from './roles.js';
import * as membersTab from './members.js';
import * as featuresTab from './features.js';
import * as usageTab from './usage.js';

const TABS = {
  groups: groupsTab,
  roles: rolesTab,
  members: membersTab,
  features: featuresTab,
  usage: usageTab,
};

const LEVELS = ['none', 'view', 'manage'];

const $ = (id) => document.getElementById(id);

let ctx = null;

// ---- Sign-in -------------------------------------------------------------------------------------

function showSignIn(error) {
  ctx = null;
  $('app').hidden = true;
  $('session').hidden = true;
  $('org-name').textContent = '';
  $('sign-in').hidden = false;
  const message = $('sign-in-error');
  message.hidden = !error;
  message.textContent = error ? (error.detail ?? error.message ?? String(error)) : '';
  $('token').focus();
}

/** Strips what people paste around a token: whitespace, quotes, a "Bearer " prefix. */
function cleanToken(text) {
  return text.trim().replace(/^Bearer\s+/i, '').replace(/^["']|["']$/g, '').trim();
}

async function signIn(event) {
  event.preventDefault();
  const token = cleanToken($('token').value);
  if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)) {
    showSignIn(new Error('That does not look like a JWT (three base64url parts separated by dots).'));
    return;
  }
  const button = event.submitter ?? $('sign-in-form').querySelector('button[type=submit]');
  button.disabled = true;
  session.token = token;
  try {
    await enter();
    $('token').value = '';
  } catch (error) {
    session.clear();
    showSignIn(error);
  } finally {
    button.disabled = false;
  }
}

function signOut() {
  session.clear();
  history.replaceState(null, '', location.pathname);
  showSignIn();
}

/** Loads who the caller is and their org, decides which tabs they may see, and shows the console. */
async function enter() {
  const me = await api.get('/api/v1/me');
  const org = await api.get(`/api/v1/orgs/${enc(me.orgId)}`);
  const level = (area) => me.adminAreas?.[area] ?? 'none';
  const can = (area, wanted = 'view') => LEVELS.indexOf(level(area)) >= LEVELS.indexOf(wanted);
  const reports = can('analytics') || can('billing');
  const usage = reports ? await probe(`/api/v1/orgs/${enc(me.orgId)}/usage/by-group?month=${currentMonth()}`) : { available: false };

  ctx = {
    me,
    org,
    orgId: me.orgId,
    level,
    can,
    refresh: () => renderActive(),
    show: (tab) => activate(tab, true),
  };

  const visible = {
    groups: can('identity_access'),
    roles: can('identity_access'),
    members: can('user_management') || can('identity_access'),
    features: true,
    usage: reports && usage.available,
  };
  for (const [name, shown] of Object.entries(visible)) {
    $(`tab-${name}`).hidden = !shown;
  }

  $('org-name').textContent = org.name;
  $('whoami').textContent = `${me.userName} · ${roleLabel(me.orgRole)}`;
  $('plan-banner').hidden = org.plan === 'enterprise';
  $('sign-in').hidden = true;
  $('session').hidden = false;
  $('app').hidden = false;
  activate(tabFromHash() ?? firstVisibleTab(), false);
}

// ---- Tabs (WAI-ARIA tabs pattern, automatic activation) --------------------------------------------

function tabButtons() {
  return [...document.querySelectorAll('[role=tab]')].filter((tab) => !tab.hidden);
}

function tabFromHash() {
  const name = location.hash.replace(/^#\/?/, '');
  return TABS[name] && !$(`tab-${name}`).hidden ? name : null;
}

function firstVisibleTab() {
  return tabButtons()[0]?.dataset.tab ?? 'features';
}

let active = null;

function activate(name, focus) {
  active = name;
  for (const tab of document.querySelectorAll('[role=tab]')) {
    const selected = tab.dataset.tab === name;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    $(tab.getAttribute('aria-controls')).hidden = !selected;
  }
  if (focus) $(`tab-${name}`).focus();
  if (location.hash !== `#${name}`) history.replaceState(null, '', `#${name}`);
  renderActive();
}

let renderCount = 0;

async function renderActive() {
  if (!ctx || !active) return;
  const panel = $(`panel-${active}`);
  const view = h('div', { class: 'view' }, note('Loading…'));
  panel.replaceChildren(view);
  const mine = ++renderCount;
  try {
    await TABS[active].render(view, ctx);
    // after a dialog closed and the list was redrawn, keep keyboard focus in the panel
    if (mine === renderCount && document.activeElement === document.body) panel.focus({ preventScroll: true });
  } catch (error) {
    if (mine === renderCount && !(error instanceof ApiError && error.status === 401)) {
      view.replaceChildren(errorMessage(error));
    }
  }
}

function onTabKey(event) {
  const tabs = tabButtons();
  const index = tabs.indexOf(event.target);
  if (index < 0) return;
  let next = null;
  if (event.key === 'ArrowRight') next = tabs[(index + 1) % tabs.length];
  else if (event.key === 'ArrowLeft') next = tabs[(index - 1 + tabs.length) % tabs.length];
  else if (event.key === 'Home') next = tabs[0];
  else if (event.key === 'End') next = tabs[tabs.length - 1];
  if (next) {
    event.preventDefault();
    activate(next.dataset.tab, true);
  }
}

// ---- Start -----------------------------------------------------------------------------------------

function start() {
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  const tablist = document.querySelector('[role=tablist]');
  tablist.addEventListener('click', (event) => {
    const tab = event.target.closest('[role=tab]');
    if (tab) activate(tab.dataset.tab, false);
  });
  tablist.addEventListener('keydown', onTabKey);
  window.addEventListener('hashchange', () => {
    const name = tabFromHash();
    if (ctx && name && name !== active) activate(name, false);
  });
  window.addEventListener('roster:unauthorized', (event) => {
    if (ctx) {
      session.clear();
      showSignIn(new Error(`Signed out: ${event.detail.detail}`));
    }
  });
  if (session.token) {
    enter().catch((error) => {
      session.clear();
      showSignIn(error);
    });
  } else {
    showSignIn();
  }
}

start();
