import { describe, expect, it } from 'vitest';
import { canOpen, navigationFor, selectedNavKey } from './nav';
import { roles } from './lib/roles';
import { zhCN } from './i18n/zh-CN';

describe('navigationFor', () => {
  it.each([
    ['platform_admin', ['home', 'organisations', 'account']],
    ['regulator', ['home', 'organisations', 'account']],
    ['owner_admin', ['home', 'myOrganisation', 'account']],
    ['owner_staff', ['home', 'myOrganisation', 'account']],
    ['agency_admin', ['home', 'myOrganisation', 'account']],
    ['agency_staff', ['home', 'myOrganisation', 'account']],
  ])('%s', (role, want) => {
    expect(navigationFor(role).map((item) => item.key)).toEqual(want);
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
  ])('%s at %s is %s', (role, path, want) => {
    expect(selectedNavKey(role, path)).toBe(want);
  });
});
