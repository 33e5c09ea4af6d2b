import { canDecideApplications } from '../../../lib/roles';
import { useCurrentSession } from '../session';

/**
 * Whether the signed-in user decides on applications and qualifications. The session says so
 * when the server names the reviewing regulator (`reviewsAgencies` on the organisation).
 */
export function useReviewer(): boolean {
  const { user, organisation } = useCurrentSession();
  const reviewsAgencies =
    'reviewsAgencies' in organisation && typeof organisation.reviewsAgencies === 'boolean'
      ? organisation.reviewsAgencies
      : undefined;
  return canDecideApplications({ ...user, reviewsAgencies });
}
