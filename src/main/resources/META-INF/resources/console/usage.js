// Usage > By group: each group's per-member monthly limit, members, month-to-date spend and members
// at or over their limit, with "Edit limit". Money is integer cents end to end.

import { api, enc } from './api.js';
import { h, centsToDollarInput, currentMonth, describeLimit, field, formatCents, note, parseDollars, uid } from './dom.js';
import { menuButton, openDialog, toast } from './ui.js';
import { scimBadge } from './groups.js';

let month = currentMonth();

export async function render(view, ctx) {
  const o = enc(ctx.orgId);
  const report = await api.get(`/api/v1/orgs/${o}/usage/by-group?month=${enc(month)}`);
  const items = report?.items ?? [];
  const manage = ctx.can('billing', 'manage');

  const monthInput = h('input', { type: 'month', value: report?.month ?? month, max: currentMonth(), required: true });
  monthInput.addEventListener('change', () => {
    if (/^\d{4}-\d{2}$/.test(monthInput.value)) {
      month = monthInput.value;
      ctx.refresh();
    }
  });

  const total = items.reduce((sum, row) => sum + Number(row.spentCents ?? 0), 0);
  const rows = items.map((row) => {
    const group = { id: row.groupId ?? row.id, name: row.name, limit: row.limit ?? row.spendLimit ?? null };
    return h('tr', {},
      h('th', { scope: 'row' }, group.name, row.source === 'scim' ? [' ', scimBadge()] : null),
      h('td', {}, describeLimit(group.limit)),
      h('td', { class: 'num' }, String(row.memberCount ?? '—')),
      h('td', { class: 'num' }, formatCents(row.spentCents ?? 0)),
      h('td', { class: 'num' }, Number(row.membersAtOrOverLimit) > 0
        ? h('span', { class: 'badge warn' }, String(row.membersAtOrOverLimit))
        : String(row.membersAtOrOverLimit ?? 0)),
      h('td', { class: 'row-actions' }, menuButton(`Actions for group ${group.name}`, [
        { label: 'Edit limit', disabled: !manage, onSelect: () => limitDialog(ctx, group) },
      ])));
  });

  view.replaceChildren(
    h('div', { class: 'toolbar' },
      h('div', {},
        h('h2', {}, 'Usage by group'),
        h('p', { class: 'muted' },
          'A group spend limit applies to each member of the group, per calendar month (UTC). An individual limit '
          + 'takes precedence; a member in several groups with limits gets the lowest.')),
      h('div', { class: 'actions filters' }, field('Month', monthInput).wrapper)),
    items.length === 0
      ? note('No groups yet.', 'empty')
      : h('table', { class: 'data' },
        h('caption', { class: 'visually-hidden' }, `Usage by group, ${report?.month ?? month}`),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Group'),
          h('th', { scope: 'col' }, 'Spend limit per member'),
          h('th', { scope: 'col', class: 'num' }, 'Members'),
          h('th', { scope: 'col', class: 'num' }, 'Spent this month'),
          h('th', { scope: 'col', class: 'num' }, 'At or over limit'),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
        h('tbody', {}, rows),
        h('tfoot', {}, h('tr', {},
          h('th', { scope: 'row', colspan: '3' }, 'Total spent by group members'),
          h('td', { class: 'num' }, formatCents(total)),
          h('td', { colspan: '2' }, h('span', { class: 'muted' }, 'A member in several groups counts in each'))))));
}

function limitDialog(ctx, group) {
  const name = uid('limit');
  const current = group.limit;
  const radio = (value, label, checked) => {
    const input = h('input', { type: 'radio', name, value, checked });
    return { input, label: h('label', { class: 'check' }, input, h('span', {}, label)) };
  };
  const unlimited = radio('unlimited', 'Unlimited', current?.type === 'unlimited');
  const amount = radio('amount', 'Set dollar amount', current?.type === 'amount');
  const none = radio('none', 'No group limit', !current);
  const dollars = h('input', {
    type: 'text', inputmode: 'decimal', autocomplete: 'off', placeholder: '50.00',
    value: current?.type === 'amount' ? centsToDollarInput(current.amountCents) : '',
  });
  const dollarsField = field('Amount per member per month (US dollars)', dollars, 'Whole dollars and cents, e.g. 50 or 12.50.');
  // typing an amount chooses "Set dollar amount"
  dollars.addEventListener('input', () => {
    amount.input.checked = true;
  });
  let changed = false;

  openDialog({
    title: `Edit limit for “${group.name}”`,
    content: [
      h('fieldset', { class: 'checklist' }, h('legend', {}, 'Monthly spend limit for each member'),
        unlimited.label, amount.label, h('div', { class: 'indent' }, dollarsField.wrapper), none.label),
      note('Members with an individual spend limit are governed by their individual limit instead.', 'hint'),
    ],
    submitLabel: 'Set limit',
    onSubmit: async () => {
      const o = enc(ctx.orgId);
      const g = enc(group.id);
      if (none.input.checked) {
        await api.del(`/api/v1/orgs/${o}/groups/${g}/spend-limit`);
      } else if (unlimited.input.checked) {
        await api.put(`/api/v1/orgs/${o}/groups/${g}/spend-limit`, { type: 'unlimited' });
      } else if (amount.input.checked) {
        const amountCents = parseAmount(dollars.value);
        await api.put(`/api/v1/orgs/${o}/groups/${g}/spend-limit`, { type: 'amount', amountCents });
      } else {
        throw new Error('Choose “Unlimited” or “Set dollar amount”.');
      }
      changed = true;
      toast(`Spend limit of “${group.name}” saved.`);
    },
    onClose: () => {
      if (changed) ctx.refresh();
    },
  });
}

function parseAmount(text) {
  const cents = parseDollars(text);
  if (cents === null) {
    throw new Error('Enter an amount in dollars with at most two decimals, e.g. 50 or 12.50 (up to $10,000,000,000).');
  }
  return cents;
}
