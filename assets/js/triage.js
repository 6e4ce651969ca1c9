// Keyboard shortcuts for the theme triage page (/admin/temamerking).
// Progressive enhancement only: every action is a plain form that works
// with Tab and Enter without this script. Shortcuts never fire while the
// user types in a field, nor with Ctrl, Alt or Meta held.
(() => {
  'use strict';

  const items = () => Array.from(document.querySelectorAll('[data-triage="item"]'));
  const help = document.getElementById('triage-keys');

  const typing = (el) =>
    !!el && (el.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName));

  const focusItem = (item) => {
    if (!item) return;
    item.focus();
    item.scrollIntoView({ block: 'nearest' });
  };

  const current = () => {
    const active = document.activeElement;
    return active && active.closest ? active.closest('[data-triage="item"]') : null;
  };

  const submit = (form) => {
    if (!form) return false;
    form.requestSubmit();
    return true;
  };

  if (help) help.hidden = false;

  // After a redirect the address names the input to continue with.
  const target = window.location.hash && document.getElementById(window.location.hash.slice(1));
  if (target && target.matches('[data-triage="item"]')) focusItem(target);

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return;
    if (typing(event.target)) return;
    const list = items();
    const item = current();
    const at = item ? list.indexOf(item) : -1;
    let handled = true;
    switch (event.key) {
      case 'j':
        focusItem(list[Math.min(at + 1, list.length - 1)]);
        break;
      case 'k':
        focusItem(list[Math.max(at - 1, 0)]);
        break;
      case '?':
        if (help) {
          help.open = !help.open;
          if (help.open) help.querySelector('summary').focus();
        }
        break;
      case 'a':
        handled = !!item && submit(item.querySelector('form[data-triage="confirm-all"]'));
        break;
      case 'x':
        handled = !!item && submit(item.querySelector('form[data-triage="remove"]'));
        break;
      case 't': {
        const select = item && item.querySelector('select[data-triage="add-theme"]');
        if (select) select.focus();
        handled = !!select;
        break;
      }
      default:
        if (/^[1-9]$/.test(event.key) && item) {
          const forms = item.querySelectorAll('form[data-triage="confirm"]');
          handled = submit(forms[Number(event.key) - 1]);
        } else {
          handled = false;
        }
    }
    if (handled) event.preventDefault();
  });
})();
