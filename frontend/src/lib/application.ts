// Rules of an agency's application (入驻申请) the UI needs to show the right state and offer
// the right buttons. The server (internal/agency) decides; these mirror it.
import type { Application, Listing, Qualification, Requirement, ReviewEvent, ReviewStatus } from '../api/client';

/** Parts under review cannot change; everything else can (an approved part goes back to review). */
export const isUnderReview = (status: string | undefined) => status === 'submitted';

/** Draft and rejected parts are sent with the next submission. */
export const isWaitingToBeSubmitted = (status: string | undefined) => status === 'draft' || status === 'rejected';

/** Only drafts and rejected qualifications can be deleted. */
export const canDeleteQualification = (q: Pick<Qualification, 'status'>) => isWaitingToBeSubmitted(q.status);

export interface Submission {
  profile: boolean;
  qualifications: number;
  listings: number;
}

/** What the next submission sends: the profile, qualifications and listing changes not yet under review. */
export function pendingSubmission(app: Pick<Application, 'profile' | 'qualifications' | 'listings'>): Submission {
  return {
    profile: isWaitingToBeSubmitted(app.profile.status),
    qualifications: (app.qualifications ?? []).filter((q) => isWaitingToBeSubmitted(q.status)).length,
    listings: (app.listings ?? []).filter((l) => isWaitingToBeSubmitted(l.pendingStatus)).length,
  };
}

export const hasSomethingToSubmit = (s: Submission) => s.profile || s.qualifications > 0 || s.listings > 0;

/** Profile fields the server wants before it accepts a submission. */
export function missingForSubmission(profile: { legalRepresentative: string; address: string }) {
  const missing: ('legalRepresentative' | 'address')[] = [];
  if (!profile.legalRepresentative.trim()) missing.push('legalRepresentative');
  if (!profile.address.trim()) missing.push('address');
  return missing;
}

/** The newest event about a subject (history is newest first). */
export function latestEvent(
  history: readonly ReviewEvent[] | null | undefined,
  subject: ReviewEvent['subject'],
  subjectId: number,
): ReviewEvent | undefined {
  return (history ?? []).find((e) => e.subject === subject && e.subjectId === subjectId);
}

/** The reviewer's reason for the current rejection of a subject, if it is rejected. */
export function rejectionReason(
  history: readonly ReviewEvent[] | null | undefined,
  subject: ReviewEvent['subject'],
  subjectId: number,
  status: ReviewStatus | Listing['pendingStatus'],
): string | undefined {
  if (status !== 'rejected') return undefined;
  const event = latestEvent(history, subject, subjectId);
  return event?.action === 'rejected' ? event.reason : undefined;
}

/** The display state of a listing: its public terms, and a change that may be under way. */
export function listingState(l: Pick<Listing, 'approvedAt' | 'pendingStatus'>) {
  return { approved: !!l.approvedAt, pending: l.pendingStatus };
}

/**
 * Whether a qualification satisfies a requirement: same type, a level ranked at or above the
 * minimum (rank 1 is highest), not expired, and in one of the given statuses. When adding a
 * listing the server counts drafts and submitted qualifications too; when approving one, only
 * approved qualifications count.
 */
export function satisfies(
  q: Pick<Qualification, 'typeId' | 'levelCode' | 'status' | 'expired'>,
  req: Pick<Requirement, 'typeId' | 'minLevelRank'>,
  levelRank: (typeId: number, levelCode: string) => number | undefined,
  statuses: readonly string[],
): boolean {
  if (q.typeId !== req.typeId || q.expired || !statuses.includes(q.status)) return false;
  const rank = levelRank(q.typeId, q.levelCode);
  return rank !== undefined && rank <= req.minLevelRank;
}

/** For each requirement, the qualifications that satisfy it. */
export function matchRequirements<Q extends Pick<Qualification, 'typeId' | 'levelCode' | 'status' | 'expired'>>(
  requirements: readonly Requirement[],
  qualifications: readonly Q[],
  levelRank: (typeId: number, levelCode: string) => number | undefined,
  statuses: readonly string[],
): { requirement: Requirement; matches: Q[] }[] {
  return requirements.map((requirement) => ({
    requirement,
    matches: qualifications.filter((q) => satisfies(q, requirement, levelRank, statuses)),
  }));
}

/** Statuses of qualifications that count when an agency adds a listing. */
export const statusesForListing = ['draft', 'submitted', 'approved'] as const;
/** Statuses of qualifications that count when a regulator approves a listing. */
export const statusesForApproval = ['approved'] as const;
