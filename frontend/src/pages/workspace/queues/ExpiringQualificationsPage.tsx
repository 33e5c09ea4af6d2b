import { Card, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useExpiringQualifications } from '../../../api/hooks';
import type { ExpiringQualification } from '../../../api/client';
import { useBilingual } from '../../../components/agency';
import { QueryError } from '../../../components/QueryError';
import { canOpen } from '../../../nav';
import { useCurrentSession } from '../session';

/**
 * 即将到期的资质: approved qualifications ending within 30 days, soonest first — an agency's own,
 * or every agency's for regulators and the platform admin.
 */
export function ExpiringQualificationsPage() {
  const { t } = useTranslation();
  const pick = useBilingual();
  const { user } = useCurrentSession();
  const { data, error, isPending, refetch } = useExpiringQualifications();
  const regulator = canOpen(user.role, 'agencies');
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('expiring.title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph type="secondary">{t('expiring.lead')}</Typography.Paragraph>
      {error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<ExpiringQualification>
          rowKey="id"
          loading={isPending}
          dataSource={data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          size="middle"
          scroll={{ x: 800 }}
          locale={{ emptyText: t('expiring.empty') }}
          data-testid="expiring-qualifications"
          columns={[
            ...(regulator
              ? [
                  {
                    title: t('expiring.agency'),
                    key: 'agency',
                    render: (_: unknown, q: ExpiringQualification) => (
                      <Link to={`/workspace/agencies/${q.organisationId}`}>{q.organisationName}</Link>
                    ),
                  },
                ]
              : []),
            {
              title: t('expiring.type'),
              key: 'type',
              render: (_, q) => pick(q.typeNameZh, q.typeNameEn),
            },
            {
              title: t('expiring.level'),
              key: 'level',
              width: 120,
              render: (_, q) => pick(q.levelNameZh, q.levelNameEn),
            },
            { title: t('expiring.certificateNo'), dataIndex: 'certificateNo', width: 180 },
            { title: t('expiring.validTo'), dataIndex: 'validTo', width: 120 },
            {
              title: t('expiring.daysLeft'),
              dataIndex: 'daysLeft',
              width: 110,
              render: (d: number) => <Tag color={d <= 7 ? 'error' : 'warning'}>{t('expiring.days', { count: d })}</Tag>,
            },
          ]}
        />
      )}
    </Card>
  );
}
