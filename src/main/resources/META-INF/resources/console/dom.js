// DOM helpers for the console. Every value from the API goes through a text node or an element
// property: nothing here ever parses markup, so user data (group names, emails, API details) is
// never interpreted as HTML.

const PROPERTIES = new Set(['value', 'checked', 'selected', 'disabled', 'hidden', 'readOnly', 'required', 'indeterminate']);

/**
 * Creates an element: h('button', {type: 'button', onclick: fn}, 'Save').
 * Props: 'class', 'dataset', on* listeners, the PROPERTIES above; anything else is an attribute
 * (true → present, false/null/undefined → left out). Children: strings, numbers, nodes, arrays, null.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null) continue;
    if (key === 'class') {
      el.className = value;
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (PROPERTIES.has(key)) {
      el[key] = value;
    } else if (value === false) {
      continue;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends children (strings become text nodes; null, undefined and false are skipped). */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

let nextId = 0;
/** A unique element id for label/aria wiring. */
export function uid(prefix = 'id') {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** A labelled form field: returns {wrapper, input}. */
export function field(label, input, hint) {
  input.id ||= uid('field');
  const hintEl = hint ? h('p', { class: 'hint', id: uid('hint') }, hint) : null;
  if (hintEl) input.setAttribute('aria-describedby', hintEl.id);
  return { wrapper: h('div', { class: 'field' }, h('label', { for: input.id }, label), input, hintEl), input };
}

/** A status line for loading and empty states. */
export function note(text, kind = 'muted') {
  return h('p', { class: kind }, text);
}

/** An error message (role=alert, so screen readers announce it). */
export function errorMessage(error) {
  return h('p', { class: 'error', role: 'alert' }, describeError(error));
}

/** The human text of an error: the problem document's detail when the API sent one. */
export function describeError(error) {
  if (error && typeof error.detail === 'string' && error.detail) return error.detail;
  if (error && error.message) return error.message;
  return 'Something went wrong.';
}

/** A small badge, e.g. the SCIM sync indicator. */
export function badge(text, kind = '', title) {
  return h('span', { class: `badge ${kind}`.trim(), title }, text);
}

/** Calls fn after the input has been quiet for `ms` milliseconds. */
export function debounce(fn, ms = 250) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// ---- Money: integer cents only -----------------------------------------------------------------

/** Formats integer cents as dollars ("$1,234.50") with integer arithmetic only. */
export function formatCents(cents) {
  const value = Number(cents);
  if (!Number.isSafeInteger(value)) return '—';
  const abs = Math.abs(value);
  const rest = abs % 100;
  const dollars = (abs - rest) / 100;
  return `${value < 0 ? '−' : ''}$${dollars.toLocaleString('en-US')}.${String(rest).padStart(2, '0')}`;
}

/** The largest limit the API accepts (10^12 cents). */
export const MAX_LIMIT_CENTS = 1_000_000_000_000;

/**
 * Parses a dollar amount typed by an admin ("50", "12.5", "$1,200.00") into integer cents, or null
 * when it is not a non-negative amount with at most two decimals. No floating point is involved.
 */
export function parseDollars(text) {
  const cleaned = String(text ?? '').trim().replace(/^\$\s*/, '').replace(/,/g, '');
  if (!/^\d{0,11}(?:\.\d{0,2})?$/.test(cleaned) || !/\d/.test(cleaned)) return null;
  const [whole, fraction = ''] = cleaned.split('.');
  const cents = Number(whole || '0') * 100 + Number(fraction.padEnd(2, '0'));
  return cents <= MAX_LIMIT_CENTS ? cents : null;
}

/** Cents as an editable dollar string ("12.50"). */
export function centsToDollarInput(cents) {
  const rest = cents % 100;
  return `${(cents - rest) / 100}.${String(rest).padStart(2, '0')}`;
}

/** A monthly Limit ({type:'unlimited'} | {type:'amount', amountCents}) as text; null is "Not set". */
export function describeLimit(limit) {
  if (!limit) return 'Not set';
  if (limit.type === 'unlimited') return 'Unlimited';
  if (limit.type === 'amount') return `${formatCents(limit.amountCents)} a month`;
  return String(limit.type);
}

/** The current month in UTC (spend months start at 00:00 UTC on the 1st), as YYYY-MM. */
export function currentMonth() {
  return new Date().toISOString().slice(0, 7);
}

/** "2026-11-26T10:00:00Z" → a short local date-time. */
export function formatTime(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
}

// ---- Labels --------------------------------------------------------------------------------------

export const ROLE_LABELS = {
  primary_owner: 'Primary owner',
  owner: 'Owner',
  admin: 'Admin',
  user: 'User',
  custom_roles: 'Custom roles',
};

export const AREA_LABELS = {
  identity_access: 'Identity & access',
  user_management: 'User management',
  billing: 'Billing',
  analytics: 'Analytics',
  privacy: 'Privacy',
  libraries: 'Libraries',
};

export function roleLabel(role) {
  return ROLE_LABELS[role] ?? String(role);
}

export function areaLabel(area) {
  return AREA_LABELS[area] ?? String(area);
}
