// Who may do what in the UI. The server (Casbin, policies/) is the authority; these rules only
// decide which buttons to show so people are not offered actions that would be refused.

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

// ---- agency onboarding (入驻), reviews and sanctions ----

/** Whether the actor works on its own agency's application (edit profile, qualifications …). */
export function canEditApplication(actor: Actor, orgId: number): boolean {
  return (actor.role === 'agency_admin' || actor.role === 'agency_staff') && actor.organisationId === orgId;
}

/** Only the agency's administrator sends the application to review. */
export function canSubmitApplication(actor: Actor, orgId: number): boolean {
  return actor.role === 'agency_admin' && actor.organisationId === orgId;
}

/**
 * Whether the actor decides on applications and qualifications: the platform admin, and the
 * regulator that reviews agencies (the government service bureau). `reviewsAgencies` is what
 * the server says about the actor's organisation; when it says nothing, every regulator is
 * offered the buttons and the server refuses those that may not.
 */
export function canDecideApplications(actor: Actor & { reviewsAgencies?: boolean }): boolean {
  if (actor.role === 'platform_admin') return true;
  return actor.role === 'regulator' && actor.reviewsAgencies !== false;
}

/** A listing is decided by the regulator in charge of its item, or the platform admin. */
export function canDecideListing(actor: Actor, itemRegulatorId: number): boolean {
  return actor.role === 'platform_admin' || (actor.role === 'regulator' && actor.organisationId === itemRegulatorId);
}

/** Regulators impose and lift sanctions. */
export function canSanction(actor: Actor): boolean {
  return actor.role === 'regulator';
}

/**
 * A sanction is lifted only by the regulator that imposed it, or by the regulator that reviews
 * agencies as a whole (the government service bureau); `reviewsAgencies` as in
 * canDecideApplications.
 */
export function canLiftSanction(
  actor: Actor & { reviewsAgencies?: boolean },
  sanction: { imposedByOrganisationId: number; inForce: boolean },
): boolean {
  if (actor.role !== 'regulator' || !sanction.inForce) return false;
  return actor.organisationId === sanction.imposedByOrganisationId || actor.reviewsAgencies === true;
}

/** The platform admin keeps the service catalogue and the qualification types. */
export function canEditCatalogue(actor: Actor): boolean {
  return actor.role === 'platform_admin';
}
