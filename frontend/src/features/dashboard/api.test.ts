import { describe, expect, it } from 'vitest';
import { exportHref } from './api';

describe('exportHref', () => {
  it('keeps the filters and leaves out the list and paging for the dashboard', () => {
    expect(
      exportHref('dashboard', 'xlsx', {
        from: '2016-01-01',
        to: '2016-12-31',
        region: '532901',
        figure: 'deals',
        page: 2,
      }),
    ).toBe('/api/v1/supervision/dashboard/export.xlsx?from=2016-01-01&to=2016-12-31&region=532901');
  });

  it('keeps the figure of a list and drops empty filters', () => {
    expect(exportHref('facts', 'csv', { figure: 'late', owner: 0, agency: 7, region: '', pageSize: 20 })).toBe(
      '/api/v1/supervision/dashboard/facts/export.csv?figure=late&agency=7',
    );
  });
});
