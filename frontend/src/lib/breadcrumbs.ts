// Where a workspace page sits: the trail shown above it and the name in the browser's tab.
import { navigationFor, selectedNavKey } from '../nav';

export interface Crumb {
  /** An i18n key. */
  labelKey: string;
  /** Where the crumb links; the last one does not link. */
  path?: string;
}

// Pages below a menu entry, by the path segments after it: `:id` stands for a number.
// A detail with `nav` belongs to that menu entry only.
const details: { pattern: string[]; labelKey: string; nav?: string }[] = [
  { nav: 'projects', pattern: [':id'], labelKey: 'site.crumbs.project' },
  { nav: 'announcements', pattern: ['new'], labelKey: 'site.crumbs.newAnnouncement' },
  { nav: 'announcements', pattern: [':id'], labelKey: 'site.crumbs.announcement' },
  { nav: 'announcements', pattern: [':id', 'edit'], labelKey: 'site.crumbs.editAnnouncement' },
  { nav: 'contracts', pattern: [':id'], labelKey: 'site.crumbs.contract' },
  { nav: 'complaints', pattern: [':id'], labelKey: 'site.crumbs.complaint' },
  { pattern: ['agencies', ':id'], labelKey: 'site.crumbs.agency' },
  { pattern: ['agencies', ':id', 'listings', ':id'], labelKey: 'site.crumbs.listing' },
  { pattern: [':id'], labelKey: 'site.crumbs.organisation' },
];

function matches(pattern: string[], segments: string[]) {
  return (
    pattern.length === segments.length &&
    pattern.every((p, i) => (p === ':id' ? /^\d+$/.test(segments[i]) : p === segments[i]))
  );
}

/**
 * The trail for a workspace location: the workspace home, the menu entry the page belongs to,
 * then the detail pages between it and the page (an agency, then its listing).
 */
export function workspaceCrumbs(role: string, pathname: string): Crumb[] {
  const nav = navigationFor(role);
  const home = nav.find((item) => item.key === 'home');
  const crumbs: Crumb[] = [{ labelKey: home?.labelKey ?? 'nav.home', path: '/workspace' }];
  const key = selectedNavKey(role, pathname);
  const entry = nav.find((item) => item.key === key);
  if (entry && entry.key !== 'home') {
    crumbs.push({ labelKey: entry.labelKey, path: entry.path });
    const path = pathname.replace(/\/+$/, '');
    const rest = path.slice(entry.path.length).split('/').filter(Boolean);
    for (let n = 1; n <= rest.length; n++) {
      const detail = details.find((d) => (!d.nav || d.nav === entry.key) && matches(d.pattern, rest.slice(0, n)));
      if (detail) crumbs.push({ labelKey: detail.labelKey, path: `${entry.path}/${rest.slice(0, n).join('/')}` });
    }
  }
  delete crumbs[crumbs.length - 1].path;
  return crumbs;
}
