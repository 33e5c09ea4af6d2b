import { describe, expect, it } from 'vitest';
import {
  assignableRoles,
  canCreateOrganisations,
  canEditApplication,
  canEditCatalogue,
  canManageUsers,
  canSubmitApplication,
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

describe('application and review rules', () => {
  const agencyAdmin = { role: 'agency_admin', organisationId: 9 };
  const agencyStaff = { role: 'agency_staff', organisationId: 9 };
  const regulator = { role: 'regulator', organisationId: 4 };
  const admin = { role: 'platform_admin', organisationId: 1 };

  it('lets the agency edit its own application and only its admin submit it', () => {
    expect(canEditApplication(agencyStaff, 9)).toBe(true);
    expect(canEditApplication(agencyStaff, 10)).toBe(false);
    expect(canEditApplication(regulator, 9)).toBe(false);
    expect(canSubmitApplication(agencyAdmin, 9)).toBe(true);
    expect(canSubmitApplication(agencyStaff, 9)).toBe(false);
  });

  it('lets the platform admin keep the catalogue', () => {
    expect(canEditCatalogue(admin)).toBe(true);
    expect(canEditCatalogue(regulator)).toBe(false);
  });
});
