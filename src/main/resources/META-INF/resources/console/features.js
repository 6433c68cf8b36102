// Features: the organization-level switches. Enabling first shows who would gain the feature now and
// through what (the article's "brief window" of members who would get it through their old role).

import { api, enc, listAll, listPage } from './api.js';
import { h, errorMessage, note, roleLabel } from './dom.js';
import { confirmDialog, openDialog, toast } from './ui.js';

export async function render(view, ctx) {
  const o = enc(ctx.orgId);
  const features = await listAll(`/api/v1/orgs/${o}/features`);
  const manage = ctx.can('identity_access', 'manage');

  const rows = features.map((feature) => {
    const fixed = feature.key === 'chat';
    const toggle = h('input', {
      type: 'checkbox', role: 'switch', class: 'switch', checked: feature.enabled,
      disabled: fixed || !manage,
      'aria-label': `${feature.title}: ${fixed ? 'always on' : 'enabled for the organization'}`,
      title: fixed ? 'Chat is always on' : undefined,
    });
    toggle.addEventListener('change', () => {
      toggle.checked = feature.enabled; // the switch moves only once the API has agreed
      if (feature.enabled) disable(ctx, feature);
      else enablePreview(ctx, feature);
    });
    return h('tr', {},
      h('th', { scope: 'row' }, feature.title, h('small', { class: 'block muted' }, feature.description)),
      h('td', {}, h('label', { class: 'switch-label' }, toggle,
        h('span', { 'aria-hidden': 'true' }, fixed ? 'Always on' : feature.enabled ? 'On' : 'Off'))));
  });

  view.replaceChildren(
    h('div', { class: 'toolbar' },
      h('div', {},
        h('h2', {}, 'Features'),
        h('p', { class: 'muted' },
          'A feature disabled here is granted to nobody, whatever their roles. Set up custom roles, groups and '
          + 'members’ roles first, and enable features last: before enabling, the console shows who would gain it.'))),
    h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden' }, 'Organization features'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Feature'), h('th', { scope: 'col' }, 'Organization switch'))),
      h('tbody', {}, rows)));
}

function sourceText(source) {
  return source.type === 'custom_role' ? `custom role ${source.role}` : `built-in role ${roleLabel(source.role)}`;
}

async function enablePreview(ctx, feature) {
  const o = enc(ctx.orgId);
  const k = enc(feature.key);
  const content = h('div', { class: 'preview' }, note('Checking who would gain it…'));
  let enabled = false;
  openDialog({
    title: `Enable ${feature.title}?`,
    content,
    wide: true,
    submitLabel: 'Enable',
    onSubmit: async () => {
      await api.put(`/api/v1/orgs/${o}/features/${k}`, { enabled: true });
      enabled = true;
      toast(`${feature.title} enabled.`);
    },
    onClose: () => {
      if (enabled) ctx.refresh();
    },
  });

  try {
    const preview = await listPage(`/api/v1/orgs/${o}/features/${k}/preview`, { limit: 100 });
    const list = h('ul', { class: 'plain gainers' });
    const more = h('button', { type: 'button', class: 'small', hidden: !preview.nextCursor });
    let cursor = preview.nextCursor;
    const addItems = (items) => list.append(...items.map((item) => h('li', {},
      h('strong', {}, item.displayName || item.userName),
      item.displayName && item.displayName !== item.userName ? ` (${item.userName})` : '',
      ` · ${roleLabel(item.orgRole)} · through ${(item.sources ?? []).map(sourceText).join(', ') || '—'}`)));
    addItems(preview.items ?? []);
    more.textContent = 'Show more';
    more.addEventListener('click', async () => {
      try {
        const page = await listPage(`/api/v1/orgs/${o}/features/${k}/preview`, { cursor, limit: 100 });
        addItems(page.items ?? []);
        cursor = page.nextCursor;
        more.hidden = !cursor;
      } catch (error) {
        list.append(h('li', {}, errorMessage(error)));
      }
    });

    const byRole = Object.entries(preview.wouldGainByRole ?? {});
    const builtIn = byRole.filter(([role]) => role !== 'custom_roles').reduce((sum, [, n]) => sum + Number(n), 0);
    content.replaceChildren(
      h('p', {}, preview.wouldGain === 0
        ? 'Nobody would gain it now.'
        : `${preview.wouldGain} member${preview.wouldGain === 1 ? '' : 's'} would gain it now`
          + (byRole.length ? ` (${byRole.map(([role, n]) => `${roleLabel(role)}: ${n}`).join(', ')}).` : '.')),
      builtIn > 0
        ? h('p', { class: 'warning', role: 'note' },
          `${builtIn} of them would get it through their built-in role (User, Admin or Owner). If their access `
          + 'should come only from their groups, set their role to “Custom roles” before enabling.')
        : null,
      list,
      more);
  } catch (error) {
    content.replaceChildren(errorMessage(error));
  }
}

function disable(ctx, feature) {
  let disabled = false;
  confirmDialog({
    title: `Disable ${feature.title}?`,
    message: 'Nobody in the organization will have it, whatever their roles or groups.',
    confirmLabel: 'Disable',
    action: async () => {
      await api.put(`/api/v1/orgs/${enc(ctx.orgId)}/features/${enc(feature.key)}`, { enabled: false });
      disabled = true;
      toast(`${feature.title} disabled.`);
    },
    onClose: () => {
      if (disabled) ctx.refresh();
    },
  });
}
