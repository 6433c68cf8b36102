// Members: search, the organization-role dropdown, and the "Why?" panel that explains a member's
// effective access (capabilities with their sources, admin areas, plugins, spend limit).

import { api, enc, listAll, listPage } from './api.js';
import { h, areaLabel, debounce, describeLimit, errorMessage, field, formatCents, note, roleLabel, ROLE_LABELS } from './dom.js';
import { openDialog, toast } from './ui.js';

const ASSIGNABLE = ['user', 'admin', 'owner', 'custom_roles'];
const PAGE = 50;

export async function render(view, ctx) {
  const o = enc(ctx.orgId);
  const state = { q: '', role: '', cursor: null, rows: [] };

  const search = h('input', { type: 'search', autocomplete: 'off', placeholder: 'Name or email' });
  const roleFilter = h('select', {},
    h('option', { value: '' }, 'All roles'),
    Object.entries(ROLE_LABELS).map(([value, label]) => h('option', { value }, label)));
  const alert = h('div', { class: 'alerts', 'aria-live': 'assertive' });
  const body = h('tbody');
  const more = h('button', { type: 'button', hidden: true, onclick: () => load(false) }, 'Load more');
  const status = h('p', { class: 'muted', role: 'status' });

  let latest = 0;
  async function load(reset) {
    const mine = ++latest;
    try {
      const page = await listPage(`/api/v1/orgs/${o}/members`, { q: state.q, role: state.role, cursor: reset ? null : state.cursor, limit: PAGE });
      if (mine !== latest) return; // a newer search has started: its answer wins
      if (reset) body.replaceChildren();
      body.append(...page.items.map((member) => memberRow(ctx, member, alert)));
      state.cursor = page.nextCursor;
      more.hidden = !state.cursor;
      const shown = body.rows.length;
      status.textContent = shown === 0 ? 'No member matches.' : `${shown} member${shown === 1 ? '' : 's'} shown${state.cursor ? ' (more available)' : ''}.`;
    } catch (error) {
      alert.replaceChildren(errorMessage(error));
    }
  }

  search.addEventListener('input', debounce(() => {
    state.q = search.value.trim();
    load(true);
  }));
  roleFilter.addEventListener('change', () => {
    state.role = roleFilter.value;
    load(true);
  });

  await load(true);
  view.replaceChildren(
    h('div', { class: 'toolbar' },
      h('div', {},
        h('h2', {}, 'Members'),
        h('p', { class: 'muted' },
          'A member set to “Custom roles” has chat only, plus what the custom roles of their groups grant. '
          + 'Only Owners and Primary Owners can change roles.')),
      h('div', { class: 'actions filters' }, field('Search members', search).wrapper, field('Role', roleFilter).wrapper)),
    alert,
    h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden' }, 'Members'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Member'),
        h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col' }, 'Role'),
        h('th', { scope: 'col', class: 'num' }, 'Groups'),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Access')))),
      body),
    status,
    more);
}

function memberRow(ctx, member, alert) {
  const o = enc(ctx.orgId);
  let roleCell;
  if (member.orgRole === 'primary_owner' || !ctx.can('user_management', 'manage')) {
    roleCell = h('span', {}, roleLabel(member.orgRole));
  } else {
    const select = h('select', { 'aria-label': `Role of ${member.userName}` },
      ASSIGNABLE.map((role) => h('option', { value: role, selected: role === member.orgRole }, roleLabel(role))));
    select.addEventListener('change', async () => {
      const wanted = select.value;
      select.disabled = true;
      alert.replaceChildren();
      try {
        const updated = await api.patch(`/api/v1/orgs/${o}/members/${enc(member.id)}`, { orgRole: wanted });
        member.orgRole = updated.orgRole;
        toast(`${member.userName} is now ${roleLabel(updated.orgRole)}.`);
      } catch (error) {
        select.value = member.orgRole;
        alert.replaceChildren(h('p', { class: 'error', role: 'alert' },
          `Could not change the role of ${member.userName}: ${error.detail ?? error.message}`));
      } finally {
        select.disabled = false;
      }
    });
    roleCell = select;
  }
  return h('tr', {},
    h('th', { scope: 'row' },
      h('span', { class: 'block' }, member.displayName || member.userName),
      member.displayName && member.displayName !== member.userName ? h('small', { class: 'block muted' }, member.userName) : null),
    h('td', {},
      member.active ? 'Active' : h('span', { class: 'badge warn' }, 'Suspended'),
      member.scimManaged ? [' ', h('span', { class: 'badge scim', title: 'Provisioned by your identity provider' }, 'SCIM')] : null),
    h('td', {}, roleCell),
    h('td', { class: 'num' }, String(member.groupIds?.length ?? 0)),
    h('td', { class: 'row-actions' }, h('button', {
      type: 'button', class: 'small', 'aria-label': `Why: access of ${member.userName}`,
      onclick: () => whyPanel(ctx, member),
    }, 'Why?')));
}

// ---- "Why?" ----------------------------------------------------------------------------------------

async function whyPanel(ctx, member) {
  const o = enc(ctx.orgId);
  const content = h('div', { class: 'why' }, note('Loading…'));
  openDialog({ title: `Access of ${member.displayName || member.userName}`, content, wide: true });
  try {
    const [access, catalog, groups] = await Promise.all([
      api.get(`/api/v1/orgs/${o}/members/${enc(member.id)}/access`),
      listAll(`/api/v1/orgs/${o}/permissions`).catch(() => []),
      ctx.can('identity_access') ? listAll(`/api/v1/orgs/${o}/groups`).catch(() => []) : Promise.resolve([]),
    ]);
    const titles = new Map(catalog.map((c) => [c.key, c.title]));
    const groupNames = new Map(groups.map((g) => [g.id, g.name]));
    const groupName = (id) => groupNames.get(id) ?? `group ${String(id).slice(0, 8)}`;
    content.replaceChildren(...accessView(access, member, titles, groupName));
  } catch (error) {
    content.replaceChildren(errorMessage(error));
  }
}

function accessView(access, member, titles, groupName) {
  const parts = [
    h('p', {},
      h('strong', {}, member.userName), ` · ${roleLabel(access.orgRole)}`,
      access.active ? '' : ' · suspended: nothing is granted',
      member.groupIds?.length ? ` · groups: ${member.groupIds.map(groupName).join(', ')}` : ' · in no group'),
  ];
  if (access.orgRole === 'custom_roles' && !member.groupIds?.length) {
    parts.push(note('This member is set to Custom roles but is in no group: they have chat only.', 'hint'));
  }

  parts.push(h('h3', {}, 'Capabilities'), h('table', { class: 'data compact' },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Capability'),
      h('th', { scope: 'col' }, 'Access'),
      h('th', { scope: 'col' }, 'Why'))),
    h('tbody', {}, (access.capabilities ?? []).map((cap) => h('tr', {},
      h('th', { scope: 'row' }, titles.get(cap.key) ?? cap.key),
      h('td', {}, cap.granted
        ? h('span', { class: 'badge ok' }, 'Granted')
        : h('span', { class: 'badge off' }, 'Not granted')),
      h('td', {}, explain(cap, access, groupName)))))));

  const areas = Object.entries(access.adminAreas ?? {});
  parts.push(h('h3', {}, 'Admin areas'), h('ul', { class: 'chips' },
    areas.map(([area, level]) => h('li', { class: `chip level-${level}` }, `${areaLabel(area)}: ${level}`))));

  if (access.spendLimit) parts.push(...spendView(access.spendLimit, groupName));

  if (Array.isArray(access.plugins)) {
    parts.push(h('h3', {}, 'Cowork plugins'));
    parts.push(access.plugins.length === 0
      ? note(access.active ? 'No plugins in the marketplace.' : 'A suspended member gets no plugin.')
      : h('table', { class: 'data compact' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Plugin'), h('th', { scope: 'col' }, 'State'), h('th', { scope: 'col' }, 'Source'))),
        h('tbody', {}, access.plugins.map((plugin) => h('tr', {},
          h('th', { scope: 'row' }, plugin.name),
          h('td', {}, String(plugin.state).replace('_', ' ')),
          h('td', {}, plugin.source?.type === 'group' ? `Group ${groupName(plugin.source.groupId)}` : 'Organization default'))))));
  }
  return parts;
}

function explain(cap, access, groupName) {
  const sources = (cap.sources ?? []).map((source) => (source.type === 'custom_role'
    ? h('li', {}, `Group ${groupName(source.groupId)} → custom role ${source.role}`)
    : h('li', {}, `Built-in role: ${roleLabel(source.role)}`)));
  let blocked = null;
  if (cap.blockedBy === 'org_disabled') blocked = 'Blocked: the feature is disabled for the organization.';
  else if (cap.blockedBy === 'inactive') blocked = 'Blocked: the member is suspended.';
  else if (cap.blockedBy) blocked = `Blocked: ${cap.blockedBy}.`;
  if (!sources.length && !blocked) {
    return h('span', { class: 'muted' }, access.orgRole === 'custom_roles'
      ? 'No custom role of their groups grants it.'
      : 'Nothing grants it.');
  }
  return [sources.length ? h('ul', { class: 'plain' }, sources) : null, blocked ? h('p', { class: 'warn-text' }, blocked) : null];
}

function spendView(spend, groupName) {
  const effective = spend.effective ?? {};
  let source = 'no limit applies';
  if (effective.source === 'individual') source = 'the member’s individual limit';
  else if (effective.source === 'group') source = `the group limit of ${(effective.groupIds ?? []).map(groupName).join(', ')}`;
  return [
    h('h3', {}, `Spend limit${spend.month ? ` (${spend.month})` : ''}`),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Effective limit'), h('dd', {}, `${describeLimit(effective.limit)} — from ${source}`),
      h('dt', {}, 'Individual limit'), h('dd', {}, describeLimit(spend.individual)),
      h('dt', {}, 'Spent this month'), h('dd', {}, formatCents(spend.spentCents ?? 0)),
      h('dt', {}, 'Remaining'), h('dd', {}, spend.remainingCents == null ? '—' : formatCents(spend.remainingCents))),
  ];
}
