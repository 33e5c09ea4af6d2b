import { describe, expect, it } from 'vitest';
import {
  assignableRoles,
  canCorrectOrganisations,
  canCreateOrganisations,
  canDecideApplications,
  canDecideListing,
  canEditApplication,
  canEditCatalogue,
  canManageUsers,
  canLiftSanction,
  canSanction,
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

  it('offers application decisions to the reviewing regulator and the platform admin', () => {
    expect(canDecideApplications(admin)).toBe(true);
    expect(canDecideApplications({ ...regulator, reviewsAgencies: true })).toBe(true);
    expect(canDecideApplications({ ...regulator, reviewsAgencies: false })).toBe(false);
    expect(canDecideApplications(regulator)).toBe(true); // the server did not say: it decides
    expect(canDecideApplications(agencyAdmin)).toBe(false);
  });

  it('offers listing decisions to the item regulator and the platform admin', () => {
    expect(canDecideListing(regulator, 4)).toBe(true);
    expect(canDecideListing(regulator, 5)).toBe(false);
    expect(canDecideListing(admin, 5)).toBe(true);
    expect(canDecideListing(agencyAdmin, 9)).toBe(false);
  });

  it('lets regulators sanction and the platform admin keep the catalogue', () => {
    expect(canSanction(regulator)).toBe(true);
    expect(canSanction(admin)).toBe(false);
    expect(canEditCatalogue(admin)).toBe(true);
    expect(canEditCatalogue(regulator)).toBe(false);
  });

  it('lets only the imposing regulator or the service bureau lift a sanction', () => {
    const imposer = { role: 'regulator', organisationId: 4 };
    const other = { role: 'regulator', organisationId: 5 };
    const bureau = { role: 'regulator', organisationId: 2, reviewsAgencies: true };
    const sanction = { imposedByOrganisationId: 4, inForce: true };
    expect(canLiftSanction(imposer, sanction)).toBe(true);
    expect(canLiftSanction(other, sanction)).toBe(false);
    expect(canLiftSanction(bureau, sanction)).toBe(true);
    expect(canLiftSanction({ role: 'platform_admin', organisationId: 4 }, sanction)).toBe(false);
    expect(canLiftSanction(imposer, { ...sanction, inForce: false })).toBe(false);
  });
});

describe('canCorrectOrganisations', () => {
  it('is the platform admin only', () => {
    expect(canCorrectOrganisations({ role: 'platform_admin', organisationId: 1 })).toBe(true);
    for (const role of ['regulator', 'owner_admin', 'owner_staff', 'agency_admin', 'agency_staff'])
      expect([role, canCorrectOrganisations({ role, organisationId: 7 })]).toEqual([role, false]);
  });
});
