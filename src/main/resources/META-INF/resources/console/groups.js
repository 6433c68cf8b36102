// Organization settings > Groups: the list, "Add group", the edit form, delete, and "SCIM Sync".

import { api, enc, listAll, listPage, probe } from './api.js';
import { h, debounce, errorMessage, field, formatTime, note, roleLabel } from './dom.js';
import { confirmDialog, menuButton, openDialog, toast } from './ui.js';

const MEMBER_PAGE = 100;

export async function render(view, ctx) {
  const o = enc(ctx.orgId);
  const [groups, roles, sync] = await Promise.all([
    listAll(`/api/v1/orgs/${o}/groups`),
    listAll(`/api/v1/orgs/${o}/custom-roles`),
    probe(`/api/v1/orgs/${o}/directory-sync`),
  ]);
  const roleNames = new Map(roles.map((role) => [role.id, role.name]));
  const syncConfigured = sync.available && sync.data?.configured === true;
  const manage = ctx.can('identity_access', 'manage');

  const syncStatus = h('div', { class: 'sync-status', role: 'status', 'aria-live': 'polite' });
  const lastRun = syncConfigured ? sync.data.lastRun : null;
  if (lastRun) showRun(syncStatus, lastRun, isActive(lastRun) ? 'Sync' : 'Last sync');

  const syncButton = syncConfigured
    ? h('button', { type: 'button', disabled: !manage, title: 'Refresh groups from your identity provider' }, '⟳ SCIM Sync')
    : null;
  syncButton?.addEventListener('click', () => runSync(ctx, syncButton, syncStatus));
  if (syncButton && lastRun && isActive(lastRun)) followRun(ctx, syncButton, syncStatus, lastRun); // a run still going: follow it

  const addButton = h('button', { type: 'button', class: 'primary', disabled: !manage, onclick: () => groupDialog(ctx, roles, null) }, 'Add group');

  view.replaceChildren(
    h('div', { class: 'toolbar' },
      h('div', {},
        h('h2', {}, 'Groups'),
        h('p', { class: 'muted' },
          `Organize members by team or department; a group's custom roles and spend limit apply to each of its members. `
          + `${groups.length} of ${ctx.org.maxGroups} groups.`)),
      h('div', { class: 'actions' }, syncButton, addButton)),
    syncStatus,
    groups.length === 0
      ? note('No groups yet. Click “Add group” to create one, or sync them from your identity provider.', 'empty')
      : groupTable(ctx, groups, roles, roleNames, manage));
}

function groupTable(ctx, groups, roles, roleNames, manage) {
  const rows = groups.map((group) => {
    const scim = group.source === 'scim';
    const edit = () => groupDialog(ctx, roles, group);
    const row = h('tr', { class: 'clickable' },
      h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link', onclick: edit }, group.name)),
      h('td', {}, scim ? scimBadge() : 'Manual'),
      h('td', { class: 'num' }, String(group.memberCount)),
      h('td', {}, group.customRoleIds.length
        ? h('span', { class: 'chips' }, group.customRoleIds.map((id) => h('span', { class: 'chip' }, roleNames.get(id) ?? 'Unknown role')))
        : h('span', { class: 'muted' }, 'None')),
      h('td', { class: 'row-actions' }, menuButton(`Actions for group ${group.name}`, [
        { label: manage ? 'Edit' : 'View', onSelect: edit },
        {
          label: 'Delete', danger: true, onSelect: () => deleteGroup(ctx, group),
          disabled: scim || !manage,
          title: scim ? 'SCIM groups are deleted in your identity provider' : undefined,
        },
      ])));
    row.addEventListener('click', (event) => {
      if (!event.target.closest('button, a, input, .menu-wrapper')) edit();
    });
    return row;
  });
  return h('table', { class: 'data' },
    h('caption', { class: 'visually-hidden' }, 'Groups'),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Name'),
      h('th', { scope: 'col' }, 'Source'),
      h('th', { scope: 'col', class: 'num' }, 'Members'),
      h('th', { scope: 'col' }, 'Custom roles'),
      h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
    h('tbody', {}, rows));
}

/** The sync indicator of SCIM groups. */
export function scimBadge() {
  return h('span', { class: 'badge scim', title: 'Synced from your identity provider via SCIM' },
    h('span', { 'aria-hidden': 'true' }, '⟳ '), 'SCIM');
}

// ---- Create and edit ----------------------------------------------------------------------------

function groupDialog(ctx, roles, group) {
  const o = enc(ctx.orgId);
  const creating = group === null;
  const scim = group?.source === 'scim';
  const manage = ctx.can('identity_access', 'manage');
  let changed = false;

  const nameInput = h('input', {
    type: 'text', name: 'name', required: true, maxlength: '255', autocomplete: 'off',
    value: group?.name ?? '', readOnly: scim || !manage,
  });
  const nameField = field('Name', nameInput, scim ? 'Synced from your identity provider: rename it there.' : null);

  const roleBoxes = roles.map((role) => h('input', {
    type: 'checkbox', value: role.id, disabled: !manage,
    checked: Boolean(group?.customRoleIds.includes(role.id)),
  }));
  const rolesFieldset = h('fieldset', { class: 'checklist' },
    h('legend', {}, 'Custom roles'),
    roles.length
      ? roles.map((role, i) => h('label', { class: 'check' }, roleBoxes[i],
        h('span', {}, role.name, role.description ? h('small', {}, role.description) : null)))
      : note('No custom roles yet: create them in the Custom roles tab.'));

  const members = memberEditor(ctx, group, { editable: manage && !scim });

  const content = [
    nameField.wrapper,
    rolesFieldset,
    members.element,
  ];

  openDialog({
    title: creating ? 'Create a group' : `Edit group “${group.name}”`,
    content,
    wide: true,
    submitLabel: creating ? 'Add group' : 'Save changes',
    onSubmit: manage ? async () => {
      const name = nameInput.value.trim();
      const customRoleIds = roleBoxes.filter((box) => box.checked).map((box) => box.value);
      if (creating) {
        const created = await api.post(`/api/v1/orgs/${o}/groups`, { name, customRoleIds, memberIds: members.added() });
        changed = true;
        toast(`Group “${created.name}” created.`);
        return true;
      }
      const g = enc(group.id);
      const patch = {};
      if (!scim && name !== group.name) patch.name = name;
      if (!sameSet(customRoleIds, group.customRoleIds)) patch.customRoleIds = customRoleIds;
      if (Object.keys(patch).length) {
        await api.patch(`/api/v1/orgs/${o}/groups/${g}`, patch);
        changed = true;
      }
      const added = members.added();
      if (added.length) {
        await api.post(`/api/v1/orgs/${o}/groups/${g}/members`, { memberIds: added });
        changed = true;
      }
      for (const memberId of members.removed()) {
        await api.del(`/api/v1/orgs/${o}/groups/${g}/members/${enc(memberId)}`);
        changed = true;
      }
      toast(`Group “${name}” saved.`);
      return true;
    } : undefined,
    onClose: () => {
      if (changed) ctx.refresh();
    },
  });
  if (creating) nameInput.focus();
}

function sameSet(a, b) {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/**
 * The members part of the group form: the current members (paged) with Remove/Undo, and a search
 * to add members. Changes are staged and applied on save. SCIM groups show their members read-only.
 */
function memberEditor(ctx, group, { editable }) {
  const o = enc(ctx.orgId);
  const current = new Map();
  const toRemove = new Set();
  const toAdd = new Map();
  let nextCursor = null;
  let loadError = null;

  const list = h('ul', { class: 'member-list', 'aria-label': 'Members of the group' });
  const more = h('button', { type: 'button', class: 'small', hidden: true, onclick: () => loadPage() }, 'Show more members');
  const summary = h('p', { class: 'muted' });

  const searchInput = h('input', { type: 'search', autocomplete: 'off', placeholder: 'Name or email' });
  const results = h('ul', { class: 'search-results', 'aria-label': 'Matching members', 'aria-live': 'polite' });
  const search = field('Search for members to add', searchInput);

  const runSearch = debounce(async () => {
    const q = searchInput.value.trim();
    if (!q) {
      results.replaceChildren();
      return;
    }
    try {
      const page = await listPage(`/api/v1/orgs/${o}/members`, { q, limit: 10 });
      if (searchInput.value.trim() !== q) return;
      renderResults(page.items);
    } catch (error) {
      results.replaceChildren(h('li', {}, errorMessage(error)));
    }
  });
  searchInput.addEventListener('input', runSearch);
  searchInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') event.preventDefault(); // Enter searches, it does not submit the form
  });

  function isIn(id) {
    return (current.has(id) && !toRemove.has(id)) || toAdd.has(id);
  }

  function renderResults(items) {
    if (!items.length) {
      results.replaceChildren(h('li', { class: 'muted' }, 'No member matches.'));
      return;
    }
    results.replaceChildren(...items.map((member) => {
      const inGroup = isIn(member.id);
      return h('li', {},
        memberLabel(member),
        h('button', {
          type: 'button', class: 'small', disabled: inGroup,
          'aria-label': inGroup ? `${member.userName} is in the group` : `Add ${member.userName}`,
          onclick: () => {
            if (toRemove.has(member.id)) toRemove.delete(member.id);
            else toAdd.set(member.id, member);
            renderList();
            renderResults(items);
          },
        }, inGroup ? 'Added' : 'Add'));
    }));
  }

  function renderList() {
    const rows = [];
    for (const member of toAdd.values()) {
      rows.push(h('li', { class: 'pending-add' }, memberLabel(member), h('span', { class: 'badge new' }, 'to add'),
        h('button', {
          type: 'button', class: 'small', 'aria-label': `Don't add ${member.userName}`,
          onclick: () => {
            toAdd.delete(member.id);
            renderList();
          },
        }, 'Undo')));
    }
    for (const member of current.values()) {
      const removing = toRemove.has(member.id);
      rows.push(h('li', { class: removing ? 'pending-remove' : '' }, memberLabel(member),
        removing ? h('span', { class: 'badge warn' }, 'to remove') : null,
        editable ? h('button', {
          type: 'button', class: 'small',
          'aria-label': removing ? `Keep ${member.userName}` : `Remove ${member.userName}`,
          onclick: () => {
            if (removing) toRemove.delete(member.id);
            else toRemove.add(member.id);
            renderList();
          },
        }, removing ? 'Undo' : 'Remove') : null));
    }
    list.replaceChildren(...rows);
    if (!rows.length) list.append(h('li', { class: 'muted' }, 'No members yet.'));
    const total = group ? group.memberCount : 0;
    summary.textContent = group
      ? `${total} member${total === 1 ? '' : 's'}${toAdd.size ? `, ${toAdd.size} to add` : ''}${toRemove.size ? `, ${toRemove.size} to remove` : ''}.`
      : `${toAdd.size} member${toAdd.size === 1 ? '' : 's'} to add.`;
    more.hidden = !nextCursor;
    if (loadError) list.append(h('li', {}, errorMessage(loadError)));
  }

  async function loadPage() {
    try {
      const page = await listPage(`/api/v1/orgs/${o}/groups/${enc(group.id)}/members`, { cursor: nextCursor, limit: MEMBER_PAGE });
      for (const member of page.items) current.set(member.id, member);
      nextCursor = page.nextCursor;
      loadError = null;
    } catch (error) {
      loadError = error;
    }
    renderList();
  }

  const element = h('fieldset', { class: 'members' },
    h('legend', {}, 'Members'),
    group?.source === 'scim' ? note('Members of SCIM groups are managed in your identity provider.', 'hint') : null,
    summary,
    list,
    more,
    editable ? search.wrapper : null,
    editable ? results : null);

  if (group) loadPage();
  else renderList();

  return {
    element,
    added: () => [...toAdd.keys()],
    removed: () => [...toRemove],
  };
}

function memberLabel(member) {
  return h('span', { class: 'member-label' },
    h('span', {}, member.displayName || member.userName),
    member.displayName && member.displayName !== member.userName ? h('small', {}, member.userName) : null,
    h('small', {}, roleLabel(member.orgRole), member.active === false ? ' · suspended' : ''));
}

// ---- Delete ----------------------------------------------------------------------------------------

function deleteGroup(ctx, group) {
  let deleted = false;
  confirmDialog({
    title: `Delete group “${group.name}”?`,
    message: [
      'Deleting a group doesn’t affect the custom roles that were assigned to it and doesn’t remove any members from your organization.',
      'Its spend limit and plugin overrides are removed with it.',
    ],
    confirmLabel: 'Delete',
    action: async () => {
      await api.del(`/api/v1/orgs/${enc(ctx.orgId)}/groups/${enc(group.id)}`);
      deleted = true;
      toast(`Group “${group.name}” deleted.`);
    },
    onClose: () => {
      if (deleted) ctx.refresh();
    },
  });
}

// ---- SCIM Sync -------------------------------------------------------------------------------------

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function runSync(ctx, button, status) {
  button.disabled = true;
  status.replaceChildren(note('Starting a sync with your identity provider…'));
  try {
    const run = await api.post(`/api/v1/orgs/${enc(ctx.orgId)}/directory-sync/runs`);
    await followRun(ctx, button, status, run);
  } catch (error) {
    status.replaceChildren(errorMessage(error));
    button.disabled = !ctx.can('identity_access', 'manage');
  }
}

const isActive = (run) => run.status === 'queued' || run.status === 'running';

/** Polls a run until it has finished, showing its status; a success redraws the group list. */
async function followRun(ctx, button, status, started) {
  const o = enc(ctx.orgId);
  let run = started;
  button.disabled = true;
  try {
    for (let polls = 0; isActive(run); polls += 1) {
      showRun(status, run, 'Sync');
      await sleep(polls < 10 ? 1000 : 3000);
      if (!status.isConnected) return;
      run = await api.get(`/api/v1/orgs/${o}/directory-sync/runs/${enc(run.id)}`);
    }
    showRun(status, run, 'Sync');
    if (run.status === 'succeeded') {
      toast('SCIM sync finished.');
      ctx.refresh();
    }
  } catch (error) {
    status.replaceChildren(errorMessage(error));
  } finally {
    button.disabled = !ctx.can('identity_access', 'manage');
  }
}

const plural = (n, noun) => `${n} ${noun}${Number(n) === 1 ? '' : 's'}`;

const STATUS_TEXT = { queued: 'queued…', running: 'running…', succeeded: 'succeeded', failed: 'failed' };

function showRun(status, run, label) {
  const c = run.counts ?? {};
  const finished = run.status === 'succeeded' || run.status === 'failed';
  const counts = finished && run.counts
    ? `${plural(c.groupsCreated, 'group')} created, ${c.groupsUpdated} updated, ${c.groupsDeleted} deleted; `
      + `${plural(c.membershipsAdded, 'membership')} added, ${c.membershipsRemoved} removed; `
      + `${plural(c.membersCreated, 'member')} created.`
    : '';
  const when = run.finishedAt ? ` (${formatTime(run.finishedAt)})` : '';
  const errors = Array.isArray(run.errors) ? run.errors : [];
  status.replaceChildren(h('div', { class: `run run-${run.status}` },
    h('p', {}, h('strong', {}, `${label} ${STATUS_TEXT[run.status] ?? run.status}`), when, counts ? ` ${counts}` : ''),
    errors.length
      ? h('ul', { class: 'run-errors' }, errors.slice(0, 10).map((e) => h('li', {}, typeof e === 'string' ? e : (e.message ?? e.code ?? JSON.stringify(e)))))
      : null));
}
