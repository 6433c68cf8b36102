// Organization settings > Custom roles: the capabilities (from the catalog) and admin-area levels
// that a custom role grants to the members of the groups it is assigned to.

import { api, enc, listAll } from './api.js';
import { h, AREA_LABELS, areaLabel, field, note } from './dom.js';
import { confirmDialog, menuButton, openDialog, toast } from './ui.js';

const LEVELS = ['none', 'view', 'manage'];

export async function render(view, ctx) {
  const o = enc(ctx.orgId);
  const [roles, catalog] = await Promise.all([
    listAll(`/api/v1/orgs/${o}/custom-roles`),
    listAll(`/api/v1/orgs/${o}/permissions`),
  ]);
  const titles = new Map(catalog.map((c) => [c.key, c.title]));
  const manage = ctx.can('identity_access', 'manage');
  const areas = Object.keys(ctx.me.adminAreas ?? AREA_LABELS);

  const rows = roles.map((role) => {
    const edit = () => roleDialog(ctx, catalog, areas, role);
    const grantedAreas = Object.entries(role.adminAreas ?? {}).filter(([, level]) => level !== 'none');
    return h('tr', {},
      h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link', onclick: edit }, role.name),
        role.description ? h('small', { class: 'block muted' }, role.description) : null),
      h('td', {}, role.capabilities.length
        ? h('span', { class: 'chips' }, role.capabilities.map((key) => h('span', { class: 'chip', title: key }, titles.get(key) ?? key)))
        : h('span', { class: 'muted' }, 'None')),
      h('td', {}, grantedAreas.length
        ? h('span', { class: 'chips' }, grantedAreas.map(([area, level]) => h('span', { class: `chip level-${level}` }, `${areaLabel(area)}: ${level}`)))
        : h('span', { class: 'muted' }, 'None')),
      h('td', { class: 'row-actions' }, menuButton(`Actions for custom role ${role.name}`, [
        { label: manage ? 'Edit' : 'View', onSelect: edit },
        { label: 'Delete', danger: true, disabled: !manage, onSelect: () => deleteRole(ctx, role) },
      ])));
  });

  view.replaceChildren(
    h('div', { class: 'toolbar' },
      h('div', {},
        h('h2', {}, 'Custom roles'),
        h('p', { class: 'muted' },
          'A custom role grants capabilities and admin areas to the members of the groups it is assigned to '
          + '(members whose organization role is “Custom roles”).')),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'primary', disabled: !manage, onclick: () => roleDialog(ctx, catalog, areas, null) }, 'Create custom role'))),
    roles.length === 0
      ? note('No custom roles yet.', 'empty')
      : h('table', { class: 'data' },
        h('caption', { class: 'visually-hidden' }, 'Custom roles'),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Name'),
          h('th', { scope: 'col' }, 'Capabilities'),
          h('th', { scope: 'col' }, 'Admin areas'),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
        h('tbody', {}, rows)));
}

function roleDialog(ctx, catalog, areas, role) {
  const o = enc(ctx.orgId);
  const manage = ctx.can('identity_access', 'manage');
  let changed = false;

  const name = h('input', { type: 'text', required: true, maxlength: '100', autocomplete: 'off', value: role?.name ?? '', readOnly: !manage });
  const description = h('textarea', { rows: '2', maxlength: '2000', value: role?.description ?? '', readOnly: !manage });

  const boxes = catalog.map((capability) => h('input', {
    type: 'checkbox', value: capability.key, disabled: !manage,
    checked: Boolean(role?.capabilities.includes(capability.key)),
  }));
  const capabilities = h('fieldset', { class: 'checklist columns' },
    h('legend', {}, 'Capabilities'),
    catalog.map((capability, i) => h('label', { class: 'check' }, boxes[i],
      h('span', {}, capability.title, h('small', {}, capability.description)))));

  const selects = areas.map((area) => h('select', { disabled: !manage },
    LEVELS.map((level) => h('option', { value: level, selected: (role?.adminAreas?.[area] ?? 'none') === level }, level))));
  const adminAreas = h('fieldset', { class: 'area-grid' },
    h('legend', {}, 'Admin areas'),
    areas.map((area, i) => field(areaLabel(area), selects[i]).wrapper));

  openDialog({
    title: role ? `Edit custom role “${role.name}”` : 'Create a custom role',
    wide: true,
    content: [field('Name', name).wrapper, field('Description', description).wrapper, capabilities, adminAreas],
    submitLabel: role ? 'Save changes' : 'Create custom role',
    onSubmit: manage ? async () => {
      const body = {
        name: name.value.trim(),
        description: description.value,
        capabilities: boxes.filter((box) => box.checked).map((box) => box.value),
        adminAreas: Object.fromEntries(areas.map((area, i) => [area, selects[i].value]).filter(([, level]) => level !== 'none')),
      };
      const saved = role
        ? await api.patch(`/api/v1/orgs/${o}/custom-roles/${enc(role.id)}`, body)
        : await api.post(`/api/v1/orgs/${o}/custom-roles`, body);
      changed = true;
      toast(`Custom role “${saved.name}” ${role ? 'saved' : 'created'}.`);
    } : undefined,
    onClose: () => {
      if (changed) ctx.refresh();
    },
  });
  if (!role) name.focus();
}

function deleteRole(ctx, role) {
  let deleted = false;
  confirmDialog({
    title: `Delete custom role “${role.name}”?`,
    message: 'The role is removed from every group it is assigned to; the groups and their members stay. '
      + 'Members who got capabilities only through this role lose them.',
    confirmLabel: 'Delete',
    action: async () => {
      await api.del(`/api/v1/orgs/${enc(ctx.orgId)}/custom-roles/${enc(role.id)}`);
      deleted = true;
      toast(`Custom role “${role.name}” deleted.`);
    },
    onClose: () => {
      if (deleted) ctx.refresh();
    },
  });
}
