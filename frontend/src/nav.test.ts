import { describe, expect, it } from 'vitest';
import { canOpen, navigationFor, selectedNavKey } from './nav';
import { roles } from './lib/roles';
import { zhCN } from './i18n/zh-CN';

describe('navigationFor', () => {
  it.each([
    [
      'platform_admin',
      [
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
    ],
    [
      'regulator',
      [
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
    ],
    [
      'owner_admin',
      [
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
    ],
    [
      'owner_staff',
      [
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
    ],
    [
      'agency_admin',
      [
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
    ],
    [
      'agency_staff',
      [
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
    ],
  ])('%s', (role, want) => {
    expect(navigationFor(role).map((item) => item.key)).toEqual(want);
  });

  it('lists the training clock for the platform admin only where it is on', () => {
    expect(navigationFor('platform_admin').map((item) => item.key)).toContain('trainingClock');
    expect(navigationFor('platform_admin', false).map((item) => item.key)).not.toContain('trainingClock');
    expect(navigationFor('regulator', true).map((item) => item.key)).not.toContain('trainingClock');
  });

  it('covers every role', () => {
    for (const role of roles) expect(navigationFor(role).length).toBeGreaterThan(1);
  });

  it('gives an unknown role only home and account', () => {
    expect(navigationFor('toString').map((item) => item.key)).toEqual(['home', 'account']);
  });

  it('keeps paths inside the workspace and unique', () => {
    for (const role of roles) {
      const paths = navigationFor(role).map((item) => item.path);
      expect(new Set(paths).size).toBe(paths.length);
      for (const p of paths) expect(p.startsWith('/workspace')).toBe(true);
    }
  });
});

it('labels every menu entry with a dictionary key', () => {
  for (const role of roles)
    for (const item of navigationFor(role)) expect(Object.keys(zhCN.nav)).toContain(item.labelKey.slice('nav.'.length));
});

describe('canOpen', () => {
  it('lets only platform admins and regulators open the organisation list', () => {
    expect(roles.filter((r) => canOpen(r, 'organisations'))).toEqual(['platform_admin', 'regulator']);
  });

  it('gives reviews and the agency list to platform admins and regulators', () => {
    expect(roles.filter((r) => canOpen(r, 'reviews'))).toEqual(['platform_admin', 'regulator']);
    expect(roles.filter((r) => canOpen(r, 'agencies'))).toEqual(['platform_admin', 'regulator']);
  });

  it('gives the catalogue editor to the platform admin only', () => {
    expect(roles.filter((r) => canOpen(r, 'catalogItems'))).toEqual(['platform_admin']);
    expect(roles.filter((r) => canOpen(r, 'qualificationTypes'))).toEqual(['platform_admin']);
  });

  it('gives the application to agencies and notifications to agencies and owners', () => {
    expect(roles.filter((r) => canOpen(r, 'application'))).toEqual(['agency_admin', 'agency_staff']);
    expect(roles.filter((r) => canOpen(r, 'notifications'))).toEqual([
      'owner_admin',
      'owner_staff',
      'agency_admin',
      'agency_staff',
    ]);
  });
});

describe('selectedNavKey', () => {
  it.each([
    ['platform_admin', '/workspace', 'home'],
    ['platform_admin', '/workspace/', 'home'],
    ['platform_admin', '/workspace/organisations', 'organisations'],
    ['platform_admin', '/workspace/organisations/42', 'organisations'],
    ['owner_staff', '/workspace/organisation', 'myOrganisation'],
    ['owner_staff', '/workspace/account', 'account'],
    ['owner_staff', '/workspace/organisationsx', 'home'],
    ['regulator', '/workspace/reviews/agencies/12', 'reviews'],
    ['regulator', '/workspace/reviews/agencies/12/listings/3', 'reviews'],
    ['regulator', '/workspace/agencies/12', 'agencies'],
    ['platform_admin', '/workspace/catalog/items', 'catalogItems'],
    ['platform_admin', '/workspace/catalog/qualification-types', 'qualificationTypes'],
    ['agency_staff', '/workspace/application', 'application'],
    ['agency_staff', '/workspace/reviews', 'home'],
  ])('%s at %s is %s', (role, path, want) => {
    expect(selectedNavKey(role, path)).toBe(want);
  });
});
describe('procurement menus', () => {
  it('gives the project library and announcements to owners, regulators and the platform admin', () => {
    const want = ['platform_admin', 'regulator', 'owner_admin', 'owner_staff'];
    expect(roles.filter((r) => canOpen(r, 'projects'))).toEqual(want);
    expect(roles.filter((r) => canOpen(r, 'announcements'))).toEqual(want);
  });
  it('gives the marketplace rules to the platform admin only', () => {
    expect(roles.filter((r) => canOpen(r, 'rules'))).toEqual(['platform_admin']);
  });
});
