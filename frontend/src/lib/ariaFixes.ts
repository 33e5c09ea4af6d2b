// Two repairs antd leaves to its users, applied as elements appear.
//
// 1. antd's icons label themselves with their English names (role="img" aria-label="global"), so
// a screen reader says "global English" or "arrow-left 返回" in the Chinese interface. Where an
// icon sits beside text, or inside a control that has its own (translated) label, it is
// decoration: hide it from assistive technology. When the icon is the only content of an
// unlabelled control, the control is named after its own or its container's translated title
// (antd's pagination arrows sit in <li title="上一页">); with no title the icon is left alone,
// so the control keeps a name.
//
// 2. A required Form.Item gives its Select aria-required, which rc-select copies onto its
//    wrapper <div> (no role, so the attribute is invalid there, axe's aria-allowed-attr) as well
//    as onto the combobox input inside, where it belongs. The wrapper's copy is removed.

const controls = 'button, a, [role="button"], [role="menuitem"], [role="tab"], [role="link"]';

function hasOwnName(control: Element, icon: Element): boolean {
  if (control.getAttribute('aria-label') || control.getAttribute('aria-labelledby')) return true;
  const text = (control.textContent ?? '').replace(icon.textContent ?? '', '').trim();
  return text.length > 0;
}

function quiet(icon: Element) {
  if (icon.getAttribute('aria-hidden') === 'true') return;
  const control = icon.parentElement?.closest(controls);
  if (control && !hasOwnName(control, icon)) {
    const title = control.closest('[title]')?.getAttribute('title');
    if (!title) return;
    control.setAttribute('aria-label', title);
    control.setAttribute('data-label-from-title', '');
  }
  icon.removeAttribute('aria-label');
  icon.removeAttribute('role');
  icon.setAttribute('aria-hidden', 'true');
}

function scan(root: ParentNode) {
  root.querySelectorAll('.anticon[role="img"]').forEach(quiet);
  root.querySelectorAll('.ant-select[aria-required]').forEach((el) => el.removeAttribute('aria-required'));
}

/** Watches the document and repairs elements as they appear or change. */
export function fixAria() {
  scan(document);
  new MutationObserver((records) => {
    for (const record of records) {
      // A control's text may arrive after its icon (a loading label): look again at its icons.
      const target = record.target instanceof Element ? record.target : record.target.parentElement;
      const control = target?.closest(controls);
      if (control) scan(control);
      record.addedNodes.forEach((node) => {
        if (node instanceof Element) {
          if (node.matches('.anticon[role="img"]')) quiet(node);
          scan(node);
        }
      });
      if (record.type === 'attributes' && target?.matches('.ant-select[aria-required]')) {
        target.removeAttribute('aria-required');
      }
      // A title changes with the language: controls named after it follow.
      if (record.type === 'attributes' && record.attributeName === 'title' && target) {
        const title = target.getAttribute('title');
        const named = [target, ...target.querySelectorAll('[data-label-from-title]')];
        for (const el of named) {
          if (title && el.hasAttribute('data-label-from-title') && el.closest('[title]') === target)
            el.setAttribute('aria-label', title);
        }
      }
    }
  }).observe(document.body, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['aria-required', 'title'],
  });
}
