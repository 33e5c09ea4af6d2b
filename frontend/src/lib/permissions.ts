// What the signed-in user may do, as the server says. The session lists the operations the
// user may call with their scope, from the same Casbin policy that checks every request; the
// objects of the review pages list the actions their reader may take on them, decided by the
// same checks as the operations. The UI asks these and never guesses from the role.

export interface Permission {
  operation: string;
  scope: 'any' | 'own';
}

export interface Permitted {
  permissions?: readonly Permission[] | null;
  organisation: { id: number };
}

/**
 * Whether the user may call `operation`: on any object, or, for a permission of scope "own",
 * on an object of organisation `orgId` when it is the user's own.
 */
export function can(session: Permitted, operation: string, orgId?: number): boolean {
  const permission = session.permissions?.find((p) => p.operation === operation);
  if (!permission) return false;
  return permission.scope === 'any' || (orgId !== undefined && orgId === session.organisation.id);
}

/** Whether the object, as the API returned it, offers `action` to its reader. */
export function offers<A extends string>(object: { actions?: readonly A[] | null } | undefined, action: A): boolean {
  return object?.actions?.includes(action) ?? false;
}

/** Whether the object offers its reader anything at all. */
export function offersAny(object: { actions?: readonly string[] | null } | undefined): boolean {
  return (object?.actions?.length ?? 0) > 0;
}
