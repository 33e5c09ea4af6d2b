import { describe, expect, it } from 'vitest';
import { workspaceCrumbs } from './breadcrumbs';

describe('workspaceCrumbs', () => {
  it('is the workspace home alone on the home page', () => {
    expect(workspaceCrumbs('regulator', '/workspace')).toEqual([{ labelKey: 'nav.home' }]);
  });

  it('names the menu entry of a page', () => {
    expect(workspaceCrumbs('regulator', '/workspace/reviews/')).toEqual([
      { labelKey: 'nav.home', path: '/workspace' },
      { labelKey: 'nav.reviews' },
    ]);
  });

  it('links every detail page between the menu entry and the page', () => {
    expect(workspaceCrumbs('regulator', '/workspace/reviews/agencies/7/listings/12')).toEqual([
      { labelKey: 'nav.home', path: '/workspace' },
      { labelKey: 'nav.reviews', path: '/workspace/reviews' },
      { labelKey: 'site.crumbs.agency', path: '/workspace/reviews/agencies/7' },
      { labelKey: 'site.crumbs.listing' },
    ]);
    expect(workspaceCrumbs('platform_admin', '/workspace/organisations/3')).toEqual([
      { labelKey: 'nav.home', path: '/workspace' },
      { labelKey: 'nav.organisations', path: '/workspace/organisations' },
      { labelKey: 'site.crumbs.organisation' },
    ]);
  });

  it('stops at the menu entry for a page it does not know', () => {
    expect(workspaceCrumbs('agency_admin', '/workspace/application/whatever')).toEqual([
      { labelKey: 'nav.home', path: '/workspace' },
      { labelKey: 'nav.application' },
    ]);
  });

  it('names the procurement pages by their menu entry', () => {
    expect(workspaceCrumbs('owner_staff', '/workspace/projects/4')).toEqual([
      { labelKey: 'nav.home', path: '/workspace' },
      { labelKey: 'nav.projects', path: '/workspace/projects' },
      { labelKey: 'site.crumbs.project' },
    ]);
    expect(workspaceCrumbs('owner_staff', '/workspace/announcements/9/edit')).toEqual([
      { labelKey: 'nav.home', path: '/workspace' },
      { labelKey: 'nav.announcements', path: '/workspace/announcements' },
      { labelKey: 'site.crumbs.announcement', path: '/workspace/announcements/9' },
      { labelKey: 'site.crumbs.editAnnouncement' },
    ]);
    expect(workspaceCrumbs('owner_admin', '/workspace/announcements/new')).toEqual([
      { labelKey: 'nav.home', path: '/workspace' },
      { labelKey: 'nav.announcements', path: '/workspace/announcements' },
      { labelKey: 'site.crumbs.newAnnouncement' },
    ]);
  });
});
