// Reusable widgets: modal dialogs (native <dialog>: focus trap and Escape for free), confirmations,
// "⋯" menus with keyboard support, and a polite status toast.

import { h, uid, describeError } from './dom.js';

/**
 * Opens a modal dialog with a form. `onSubmit` runs when the primary button is pressed (or Enter in
 * a field); an ApiError it throws is shown inside the dialog (the problem's detail) and the dialog
 * stays open; any other return value closes it. Without `onSubmit` the dialog only has "Close".
 * Returns {dialog, close, setError}.
 */
export function openDialog({ title, content, submitLabel = 'Save', danger = false, onSubmit, onClose, wide = false }) {
  const titleId = uid('dialog-title');
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const submit = onSubmit
    ? h('button', { type: 'submit', class: danger ? 'danger' : 'primary' }, submitLabel)
    : null;
  const cancel = h('button', { type: 'button', onclick: () => close() }, onSubmit ? 'Cancel' : 'Close');
  const form = h('form', { class: 'dialog-form' },
    h('header', { class: 'dialog-header' }, h('h2', { id: titleId }, title)),
    h('div', { class: 'dialog-body' }, content),
    error,
    h('footer', { class: 'dialog-footer' }, cancel, submit));
  const dialog = h('dialog', { class: wide ? 'dialog wide' : 'dialog', 'aria-labelledby': titleId }, form);
  const opener = document.activeElement;
  let busy = false;

  function setError(err) {
    if (err) {
      error.textContent = describeError(err);
      error.hidden = false;
    } else {
      error.textContent = '';
      error.hidden = true;
    }
  }

  function close() {
    if (dialog.open) dialog.close();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!onSubmit || busy) return;
    busy = true;
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    setError(null);
    try {
      const result = await onSubmit();
      if (result !== false) close();
    } catch (err) {
      setError(err);
    } finally {
      busy = false;
      submit.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });

  dialog.addEventListener('close', () => {
    dialog.remove();
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    onClose?.();
  });

  document.body.append(dialog);
  dialog.showModal();
  // start in the first editable field (not on the dialog itself), as a form dialog is meant to be used
  form.querySelector('.dialog-body :is(input, select, textarea):not([disabled]):not([readonly]):not([type=hidden])')?.focus();
  return { dialog, close, setError };
}

/** Asks before a destructive action; `action` runs on confirmation (its ApiError is shown). */
export function confirmDialog({ title, message, confirmLabel = 'Confirm', danger = true, action, onClose }) {
  const content = Array.isArray(message) ? message.map((m) => h('p', {}, m)) : h('p', {}, message);
  return openDialog({ title, content, submitLabel: confirmLabel, danger, onSubmit: action, onClose });
}

/**
 * A "⋯" menu button: items [{label, onSelect, disabled, title, danger}]. Keyboard: Enter/Space/↓
 * opens and focuses the first item, ↑/↓ move, Escape closes and returns to the button.
 */
export function menuButton(label, items) {
  const menuId = uid('menu');
  const button = h('button', {
    type: 'button', class: 'icon-button', 'aria-haspopup': 'menu', 'aria-expanded': 'false',
    'aria-controls': menuId, 'aria-label': label, title: label,
  }, '⋯');
  const entries = items.map((item) => h('button', {
    type: 'button', role: 'menuitem', class: item.danger ? 'menu-item danger-text' : 'menu-item',
    disabled: Boolean(item.disabled), title: item.title, tabindex: '-1',
    onclick: () => {
      closeMenu(false);
      item.onSelect();
    },
  }, item.label));
  const menu = h('div', { class: 'menu', role: 'menu', id: menuId, hidden: true, 'aria-label': label }, entries);
  const wrapper = h('div', { class: 'menu-wrapper' }, button, menu);

  const enabled = () => entries.filter((entry) => !entry.disabled);
  const onOutside = (event) => {
    if (!wrapper.contains(event.target)) closeMenu(false);
  };

  function openMenu() {
    menu.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    document.addEventListener('pointerdown', onOutside);
    (enabled()[0] ?? entries[0])?.focus();
  }

  function closeMenu(refocus) {
    if (menu.hidden) return;
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    document.removeEventListener('pointerdown', onOutside);
    if (refocus) button.focus();
  }

  button.addEventListener('click', () => (menu.hidden ? openMenu() : closeMenu(true)));
  button.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      openMenu();
    }
  });
  menu.addEventListener('keydown', (event) => {
    const list = enabled();
    const index = list.indexOf(document.activeElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      closeMenu(true);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      list[(index + step + list.length) % list.length]?.focus();
    } else if (event.key === 'Tab') {
      closeMenu(false);
    }
  });
  return wrapper;
}

let toastTimer;
/** A short, politely announced confirmation ("Group created"). */
export function toast(message) {
  const el = document.getElementById('toast');
  if (!el) return;
  el.textContent = message;
  el.classList.add('visible');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    el.classList.remove('visible');
    el.textContent = '';
  }, 4000);
}
