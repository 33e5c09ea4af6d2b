import { describe, expect, it } from 'vitest';
import type { ReviewEvent } from '../api/client';
import {
  hasSomethingToSubmit,
  matchRequirements,
  missingForSubmission,
  pendingSubmission,
  rejectionReason,
  satisfies,
  statusesForApproval,
  statusesForListing,
} from './application';

// surveying: a(1) b(2) c(3) d(4)
const ranks: Record<string, number> = { a: 1, b: 2, c: 3, d: 4 };
const levelRank = (typeId: number, code: string) => (typeId === 7 ? ranks[code] : undefined);
const requirement = {
  typeId: 7,
  typeCode: 'surveying',
  typeNameZh: '测绘资质',
  typeNameEn: 'Surveying',
  minLevelCode: 'c',
  minLevelNameZh: '丙级',
  minLevelNameEn: 'Grade C',
  minLevelRank: 3,
};

describe('satisfies', () => {
  const q = { typeId: 7, levelCode: 'b', status: 'approved' as const, expired: false };
  it('accepts a higher or equal level of the same type', () => {
    expect(satisfies(q, requirement, levelRank, statusesForApproval)).toBe(true);
    expect(satisfies({ ...q, levelCode: 'c' }, requirement, levelRank, statusesForApproval)).toBe(true);
  });
  it('refuses a lower level, another type, an expired one', () => {
    expect(satisfies({ ...q, levelCode: 'd' }, requirement, levelRank, statusesForApproval)).toBe(false);
    expect(satisfies({ ...q, typeId: 8 }, requirement, levelRank, statusesForApproval)).toBe(false);
    expect(satisfies({ ...q, expired: true }, requirement, levelRank, statusesForApproval)).toBe(false);
  });
  it('counts drafts for a new listing but not for approval', () => {
    const draft = { ...q, status: 'draft' as const };
    expect(satisfies(draft, requirement, levelRank, statusesForListing)).toBe(true);
    expect(satisfies(draft, requirement, levelRank, statusesForApproval)).toBe(false);
    expect(satisfies({ ...q, status: 'rejected' }, requirement, levelRank, statusesForListing)).toBe(false);
  });
  it('pairs each requirement with its matches', () => {
    const got = matchRequirements([requirement], [q, { ...q, levelCode: 'd' }], levelRank, statusesForApproval);
    expect(got).toHaveLength(1);
    expect(got[0].matches).toEqual([q]);
  });
});

describe('pendingSubmission', () => {
  it('counts draft and rejected parts', () => {
    const s = pendingSubmission({
      profile: { status: 'approved' } as never,
      qualifications: [{ status: 'draft' }, { status: 'rejected' }, { status: 'submitted' }] as never,
      listings: [{ pendingStatus: 'submitted' }, { pendingStatus: undefined }, { pendingStatus: 'rejected' }] as never,
    });
    expect(s).toEqual({ profile: false, qualifications: 2, listings: 1 });
    expect(hasSomethingToSubmit(s)).toBe(true);
    expect(hasSomethingToSubmit({ profile: false, qualifications: 0, listings: 0 })).toBe(false);
  });
  it('tolerates lists the server sends as null', () => {
    expect(pendingSubmission({ profile: { status: 'draft' } as never, qualifications: null, listings: null })).toEqual({
      profile: true,
      qualifications: 0,
      listings: 0,
    });
  });
});

describe('missingForSubmission', () => {
  it('names the empty required fields', () => {
    expect(missingForSubmission({ legalRepresentative: ' ', address: '大理市' })).toEqual(['legalRepresentative']);
    expect(missingForSubmission({ legalRepresentative: '张三', address: '大理市' })).toEqual([]);
  });
});

describe('rejectionReason', () => {
  const event = (over: Partial<ReviewEvent>): ReviewEvent => ({
    id: 1,
    organisationId: 9,
    subject: 'qualification',
    subjectId: 3,
    action: 'rejected',
    reason: '扫描件不清晰',
    actorName: '杨建华',
    actorOrganisation: '大理州政务服务管理局',
    createdAt: '2026-03-01T00:00:00Z',
    ...over,
  });
  it('finds the newest rejection of the subject', () => {
    const history = [event({ id: 3 }), event({ id: 2, reason: 'older' })];
    expect(rejectionReason(history, 'qualification', 3, 'rejected')).toBe('扫描件不清晰');
  });
  it('says nothing once the subject is no longer rejected or was resubmitted', () => {
    expect(rejectionReason([event({})], 'qualification', 3, 'submitted')).toBeUndefined();
    expect(
      rejectionReason([event({ action: 'submitted', reason: '' })], 'qualification', 3, 'rejected'),
    ).toBeUndefined();
    expect(rejectionReason([event({})], 'qualification', 4, 'rejected')).toBeUndefined();
  });
});
