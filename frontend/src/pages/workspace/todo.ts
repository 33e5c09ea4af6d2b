import type { TodoTask } from '../../api/client';

/**
 * Where each to-do task leads: the page of its queue, with the filter the server counted with
 * (internal/workspace/todo.go names the operation and filter of each key). The page passes the
 * same URL filter to the same operation, so the count equals the rows the page shows.
 */
export const todoLinks: Record<TodoTask['key'], string> = {
  applicationReviews: '/workspace/reviews?subject=profile',
  listingReviews: '/workspace/reviews?subject=listing',
  pendingAgencies: '/workspace/agencies?status=pending_review',
  sanctionsInForce: '/workspace/agencies?sanction=in_force',
  expiringQualifications: '/workspace/qualifications/expiring',
  returned: '/workspace/application',
  unreadNotifications: '/workspace/notifications',
  organisationUsers: '/workspace/organisation',
  contractsToRegister: '/workspace/contracts?todo=register',
  contractsToConfirm: '/workspace/contracts?todo=confirm',
  amendmentsToDecide: '/workspace/contracts?todo=amendment',
  choicesDue: '/workspace/announcements?todo=choose',
  objectionsToAnswer: '/workspace/announcements?todo=objections',
  redFlagsToReview: '/workspace/red-flags?status=open',
  complaintsToAccept: '/workspace/complaints?status=filed',
  complaintsToDecide: '/workspace/complaints?status=accepted',
  redWarnings: '/workspace/warnings?level=red',
};
