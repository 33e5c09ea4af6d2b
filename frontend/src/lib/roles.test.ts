import { describe, expect, it } from 'vitest';
import {
  assignableRoles,
  canCorrectOrganisations,
  canCreateOrganisations,
  canEditCatalogue,
  canManageUsers,
  rolesForKind,
} from './roles';

const owner = { id: 7, kind: 'owner' };
const agency = { id: 9, kind: 'agency' };

describe('canManageUsers', () => {
  it.each([
    ['platform_admin', 1, owner, true],
    ['platform_admin', 1, agency, true],
    ['regulator', 2, owner, false],
    ['owner_admin', 7, owner, true],
    ['owner_admin', 8, owner, false], // another owner
    ['owner_staff', 7, owner, false],
    ['agency_admin', 9, agency, true],
    ['agency_admin', 7, owner, false],
    ['agency_staff', 9, agency, false],
  ] as const)('%s of org %i on %o is %s', (role, organisationId, org, want) => {
    expect(canManageUsers({ role, organisationId }, org)).toBe(want);
  });
});

describe('assignableRoles', () => {
  it('offers an organisation admin the roles of its own kind', () => {
    expect(assignableRoles({ role: 'owner_admin', organisationId: 7 }, owner)).toEqual(['owner_admin', 'owner_staff']);
    expect(assignableRoles({ role: 'agency_admin', organisationId: 9 }, agency)).toEqual([
      'agency_admin',
      'agency_staff',
    ]);
  });

  it('offers the platform admin the roles of the organisation kind', () => {
    const admin = { role: 'platform_admin', organisationId: 1 };
    expect(assignableRoles(admin, { id: 3, kind: 'regulator' })).toEqual(['regulator']);
    expect(assignableRoles(admin, owner)).toEqual(rolesForKind('owner'));
  });

  it('offers staff nothing', () => {
    expect(assignableRoles({ role: 'owner_staff', organisationId: 7 }, owner)).toEqual([]);
  });
});

it('only the platform admin creates organisations', () => {
  expect(canCreateOrganisations({ role: 'platform_admin', organisationId: 1 })).toBe(true);
  expect(canCreateOrganisations({ role: 'regulator', organisationId: 2 })).toBe(false);
});

it('lets the platform admin keep the catalogue', () => {
  expect(canEditCatalogue({ role: 'platform_admin', organisationId: 1 })).toBe(true);
  expect(canEditCatalogue({ role: 'regulator', organisationId: 4 })).toBe(false);
});

describe('canCorrectOrganisations', () => {
  it('is the platform admin only', () => {
    expect(canCorrectOrganisations({ role: 'platform_admin', organisationId: 1 })).toBe(true);
    for (const role of ['regulator', 'owner_admin', 'owner_staff', 'agency_admin', 'agency_staff'])
      expect([role, canCorrectOrganisations({ role, organisationId: 7 })]).toEqual([role, false]);
  });
});
