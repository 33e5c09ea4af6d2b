// The workspace menu for each role, in one place so it can be read and tested at a glance.
// Only features that exist are listed; add an entry here when a page lands.

export type NavKey =
  | 'home'
  | 'reviews'
  | 'agencies'
  | 'catalogItems'
  | 'qualificationTypes'
  | 'workdays'
  | 'trainingClock'
  | 'organisations'
  | 'application'
  | 'notifications'
  | 'opportunities'
  | 'registrations'
  | 'myOrganisation'
  | 'account'
  | 'projects'
  | 'announcements'
  | 'rules'
  | 'contracts'
  | 'performance'
  | 'dashboard'
  | 'redFlags'
  | 'warnings'
  | 'warningRules'
  | 'complaints'
  | 'redFlagSettings';

export interface NavItem {
  key: NavKey;
  path: string;
  labelKey: `nav.${NavKey}`;
}

const items: Record<NavKey, NavItem> = {
  home: { key: 'home', path: '/workspace', labelKey: 'nav.home' },
  reviews: { key: 'reviews', path: '/workspace/reviews', labelKey: 'nav.reviews' },
  agencies: { key: 'agencies', path: '/workspace/agencies', labelKey: 'nav.agencies' },
  catalogItems: { key: 'catalogItems', path: '/workspace/catalog/items', labelKey: 'nav.catalogItems' },
  qualificationTypes: {
    key: 'qualificationTypes',
    path: '/workspace/catalog/qualification-types',
    labelKey: 'nav.qualificationTypes',
  },
  workdays: { key: 'workdays', path: '/workspace/calendar', labelKey: 'nav.workdays' },
  trainingClock: { key: 'trainingClock', path: '/workspace/training-clock', labelKey: 'nav.trainingClock' },
  organisations: { key: 'organisations', path: '/workspace/organisations', labelKey: 'nav.organisations' },
  application: { key: 'application', path: '/workspace/application', labelKey: 'nav.application' },
  notifications: { key: 'notifications', path: '/workspace/notifications', labelKey: 'nav.notifications' },
  opportunities: { key: 'opportunities', path: '/workspace/opportunities', labelKey: 'nav.opportunities' },
  registrations: { key: 'registrations', path: '/workspace/registrations', labelKey: 'nav.registrations' },
  projects: { key: 'projects', path: '/workspace/projects', labelKey: 'nav.projects' },
  announcements: { key: 'announcements', path: '/workspace/announcements', labelKey: 'nav.announcements' },
  rules: { key: 'rules', path: '/workspace/admin/rules', labelKey: 'nav.rules' },
  contracts: { key: 'contracts', path: '/workspace/contracts', labelKey: 'nav.contracts' },
  performance: { key: 'performance', path: '/workspace/performance', labelKey: 'nav.performance' },
  dashboard: { key: 'dashboard', path: '/workspace/dashboard', labelKey: 'nav.dashboard' },
  redFlags: { key: 'redFlags', path: '/workspace/red-flags', labelKey: 'nav.redFlags' },
  warnings: { key: 'warnings', path: '/workspace/warnings', labelKey: 'nav.warnings' },
  warningRules: { key: 'warningRules', path: '/workspace/admin/warning-rules', labelKey: 'nav.warningRules' },
  complaints: { key: 'complaints', path: '/workspace/complaints', labelKey: 'nav.complaints' },
  redFlagSettings: {
    key: 'redFlagSettings',
    path: '/workspace/admin/red-flag-settings',
    labelKey: 'nav.redFlagSettings',
  },
  myOrganisation: { key: 'myOrganisation', path: '/workspace/organisation', labelKey: 'nav.myOrganisation' },
  account: { key: 'account', path: '/workspace/account', labelKey: 'nav.account' },
};

const menus: Record<string, NavKey[]> = {
  platform_admin: [
    'home',
    'reviews',
    'agencies',
    'catalogItems',
    'qualificationTypes',
    'workdays',
    'trainingClock',
    'organisations',
    'projects',
    'announcements',
    'rules',
    'warningRules',
    'redFlagSettings',
    'account',
  ],
  regulator: [
    'home',
    'dashboard',
    'reviews',
    'agencies',
    'organisations',
    'projects',
    'announcements',
    'contracts',
    'performance',
    'redFlags',
    'warnings',
    'complaints',
    'account',
  ],
  owner_admin: [
    'home',
    'projects',
    'announcements',
    'contracts',
    'warnings',
    'complaints',
    'notifications',
    'myOrganisation',
    'account',
  ],
  owner_staff: [
    'home',
    'projects',
    'announcements',
    'contracts',
    'warnings',
    'complaints',
    'notifications',
    'myOrganisation',
    'account',
  ],
  agency_admin: [
    'home',
    'opportunities',
    'registrations',
    'contracts',
    'warnings',
    'complaints',
    'application',
    'notifications',
    'myOrganisation',
    'account',
  ],
  agency_staff: [
    'home',
    'opportunities',
    'registrations',
    'contracts',
    'warnings',
    'complaints',
    'application',
    'notifications',
    'myOrganisation',
    'account',
  ],
};

// A role the UI does not know yet (the server is newer) still gets a usable workspace.
const fallback: NavKey[] = ['home', 'account'];

/**
 * The role's menu. The menu shown leaves out the training clock's page where the server does
 * not run it (INTERMART_ADJUSTABLE_CLOCK off: its operations do not exist); pass false then.
 */
export function navigationFor(role: string, trainingClock = true): NavItem[] {
  return (Object.hasOwn(menus, role) ? menus[role] : fallback)
    .filter((key) => trainingClock || key !== 'trainingClock')
    .map((key) => items[key]);
}

export function canOpen(role: string, key: NavKey): boolean {
  return navigationFor(role).some((item) => item.key === key);
}

/** The menu entry to highlight for a location: the longest path that prefixes it. */
export function selectedNavKey(role: string, pathname: string): NavKey | undefined {
  const path = pathname.replace(/\/+$/, '') || '/';
  let best: NavItem | undefined;
  for (const item of navigationFor(role)) {
    const matches = path === item.path || path.startsWith(item.path + '/');
    if (matches && (!best || item.path.length > best.path.length)) best = item;
  }
  return best?.key;
}
