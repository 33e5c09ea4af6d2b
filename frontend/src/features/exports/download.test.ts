import { describe, expect, it } from 'vitest';
import { exportUrl, fileName } from './download';

describe('exports', () => {
  it('keeps the list filters and drops empty ones and paging', () => {
    expect(
      exportUrl('/api/v1/contracts', 'xlsx', { status: 'active', q: '', late: true, flagged: false, page: 2 }),
    ).toBe('/api/v1/contracts/export.xlsx?status=active&late=true');
    expect(exportUrl('/api/v1/performance', 'csv', {})).toBe('/api/v1/performance/export.csv');
  });
  it('reads the file name the server gives', () => {
    expect(fileName('attachment; filename="contracts-20260924.xlsx"', 'x.xlsx')).toBe('contracts-20260924.xlsx');
    expect(fileName(null, 'x.csv')).toBe('x.csv');
  });
});
