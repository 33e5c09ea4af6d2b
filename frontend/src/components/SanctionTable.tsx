import type { ReactNode } from 'react';
import { Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PublicSanction } from '../api/client';
import { formatDateTime } from '../lib/datetime';
import { Prose, SanctionKindTag, SanctionStateTag } from './agency';
import { DateTime } from './labels';

/**
 * An agency's sanctions. The workspace (`liftDetails`) notes when and why a sanction was lifted
 * under its reason and keeps its planned end; the public page shows the day it was lifted as
 * its end instead. `actions`, if given, fills a last column.
 */
/** What the table shows of a sanction: the public view, and in the workspace the lift reason and the officials. */
type SanctionRow = PublicSanction & { liftReason?: string; imposedByName?: string; liftedByName?: string };

export function SanctionTable<S extends SanctionRow>({
  sanctions,
  liftDetails = false,
  actions,
  scrollX,
  testId,
}: {
  sanctions: readonly S[];
  liftDetails?: boolean;
  actions?: (s: S) => ReactNode;
  scrollX: number;
  testId: string;
}) {
  const { t } = useTranslation();
  const columns: TableColumnsType<S> = [
    {
      title: t('sanction.kind'),
      dataIndex: 'kind',
      width: 100,
      render: (k: string) => <SanctionKindTag kind={k} />,
    },
    {
      title: t('sanction.reason'),
      key: 'reason',
      render: (_, s) => (
        <>
          <Prose>{s.reason}</Prose>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('sanction.legalBasisValue', { basis: s.legalBasis })}
          </Typography.Text>
          {liftDetails && s.liftedAt && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
              {t('sanction.liftedInfo', {
                time: formatDateTime(s.liftedAt),
                by: [s.liftedBy, s.liftedByName].filter(Boolean).join(' '),
                reason: s.liftReason ?? '',
              })}
            </Typography.Paragraph>
          )}
        </>
      ),
    },
    {
      title: t('sanction.startsAt'),
      dataIndex: 'startsAt',
      width: 150,
      render: (v: string) => <DateTime value={v} />,
    },
    {
      title: t('sanction.endsAt'),
      key: 'endsAt',
      width: 150,
      render: (_, s) => {
        const end = liftDetails ? s.endsAt : s.liftedAt || s.endsAt;
        return end ? <DateTime value={end} /> : t('sanction.indefinite');
      },
    },
    {
      title: t('sanction.imposedBy'),
      key: 'imposedBy',
      width: 200,
      render: (_, s) => (
        <>
          <div>{s.imposedBy}</div>
          {s.imposedByName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {s.imposedByName}
            </Typography.Text>
          )}
          {s.liftedBy && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
              {t('sanction.liftedByValue', { by: [s.liftedBy, s.liftedByName].filter(Boolean).join(' ') })}
            </Typography.Paragraph>
          )}
        </>
      ),
    },
    { title: t('sanction.state'), key: 'state', width: 90, render: (_, s) => <SanctionStateTag sanction={s} /> },
  ];
  if (actions) columns.push({ title: t('common.actions'), key: 'actions', width: 110, render: (_, s) => actions(s) });
  return (
    <Table<S>
      rowKey="id"
      dataSource={[...sanctions]}
      pagination={false}
      size="middle"
      scroll={{ x: scrollX }}
      locale={{ emptyText: t('sanction.empty') }}
      data-testid={testId}
      columns={columns}
    />
  );
}
