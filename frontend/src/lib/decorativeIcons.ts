// antd's icons label themselves with their English names (role="img" aria-label="global"), so
// a screen reader says "global English" or "arrow-left 返回" in the Chinese interface. Where an
// icon sits beside text, or inside a control that has its own (translated) label, it is
// decoration: hide it from assistive technology. An icon that is the only content of an
// unlabelled control (antd's own pagination arrows) is left alone, so the control keeps a name.

const controls = 'button, a, [role="button"], [role="menuitem"], [role="tab"], [role="link"]';

function hasOwnName(control: Element, icon: Element): boolean {
  if (control.getAttribute('aria-label') || control.getAttribute('aria-labelledby')) return true;
  const text = (control.textContent ?? '').replace(icon.textContent ?? '', '').trim();
  return text.length > 0;
}

function quiet(icon: Element) {
  if (icon.getAttribute('aria-hidden') === 'true') return;
  const control = icon.parentElement?.closest(controls);
  if (control && !hasOwnName(control, icon)) return;
  icon.removeAttribute('aria-label');
  icon.removeAttribute('role');
  icon.setAttribute('aria-hidden', 'true');
}

function scan(root: ParentNode) {
  root.querySelectorAll('.anticon[role="img"]').forEach(quiet);
}

/** Watches the document and hides decorative icons as they appear. */
export function hideDecorativeIcons() {
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
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
}
