// Who may do what in the UI. The server (Casbin, policies/) is the authority; these rules only
// decide which buttons to show so people are not offered actions that would be refused.
// Applications, review decisions and sanctions are not decided here: the session lists the
// operations and the objects their actions (lib/permissions.ts).

export const roles = [
  'platform_admin',
  'regulator',
  'owner_admin',
  'owner_staff',
  'agency_admin',
  'agency_staff',
] as const;
export type Role = (typeof roles)[number];

export const organisationKinds = ['platform', 'regulator', 'owner', 'agency'] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** The roles a user of an organisation of this kind can hold, admin first. */
export function rolesForKind(kind: string): Role[] {
  switch (kind) {
    case 'platform':
      return ['platform_admin'];
    case 'regulator':
      return ['regulator'];
    case 'owner':
      return ['owner_admin', 'owner_staff'];
    case 'agency':
      return ['agency_admin', 'agency_staff'];
    default:
      return [];
  }
}

export interface Actor {
  role: string;
  organisationId: number;
}

export function canCreateOrganisations(actor: Actor): boolean {
  return actor.role === 'platform_admin';
}

/** Whether the actor may add, disable and enable users of the organisation. */
export function canManageUsers(actor: Actor, org: { id: number; kind: string }): boolean {
  if (actor.role === 'platform_admin') return true;
  const ownAdmin =
    (actor.role === 'owner_admin' && org.kind === 'owner') || (actor.role === 'agency_admin' && org.kind === 'agency');
  return ownAdmin && actor.organisationId === org.id;
}

/**
 * The platform admin corrects organisations (name, credit code, with a change history), resets
 * users' passwords and changes their roles.
 */
export function canCorrectOrganisations(actor: Actor): boolean {
  return actor.role === 'platform_admin';
}

/** The roles the actor may give a new user of the organisation. */
export function assignableRoles(actor: Actor, org: { id: number; kind: string }): Role[] {
  return canManageUsers(actor, org) ? rolesForKind(org.kind) : [];
}

/** The platform admin keeps the service catalogue and the qualification types. */
export function canEditCatalogue(actor: Actor): boolean {
  return actor.role === 'platform_admin';
}
