import { describe, expect, it } from 'vitest';
import { can, offers, offersAny } from './permissions';

describe('can', () => {
  const session = {
    organisation: { id: 4 },
    permissions: [
      { operation: 'agency.imposeSanction', scope: 'any' as const },
      { operation: 'agency.decideListing', scope: 'own' as const },
    ],
  };

  it('allows an operation of scope any on every object', () => {
    expect(can(session, 'agency.imposeSanction')).toBe(true);
    expect(can(session, 'agency.imposeSanction', 9)).toBe(true);
  });

  it('allows an operation of scope own only on the own organisation’s objects', () => {
    expect(can(session, 'agency.decideListing', 4)).toBe(true);
    expect(can(session, 'agency.decideListing', 5)).toBe(false);
    expect(can(session, 'agency.decideListing')).toBe(false);
  });

  it('refuses what the session does not list', () => {
    expect(can(session, 'agency.decideProfile')).toBe(false);
    expect(can({ organisation: { id: 4 } }, 'agency.imposeSanction')).toBe(false);
  });
});

describe('offers', () => {
  it('reads the actions of an object', () => {
    expect(offers({ actions: ['approve', 'reject'] }, 'approve')).toBe(true);
    expect(offers({ actions: ['reject'] }, 'approve')).toBe(false);
    expect(offers({}, 'approve')).toBe(false);
    expect(offers(undefined, 'approve')).toBe(false);
    expect(offersAny({ actions: [] })).toBe(false);
    expect(offersAny({ actions: ['lift'] })).toBe(true);
  });
});
