import { Card, Flex, Input, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAgencies } from '../../../api/hooks';
import type { AgencyListQuery, AgencyRow } from '../../../api/client';
import { SanctionKindTag } from '../../../components/agency';
import { QueryError } from '../../../components/QueryError';
import { formatDateTime } from '../../../lib/datetime';
import { useUrlFilters } from '../../../lib/useUrlFilters';
import { useOrganisationColumns } from '../organisationColumns';

/**
 * 中介机构: every agency with the sanction in force on it, for regulators and the platform admin,
 * filtered on the server (the to-do board's counts link here with the same filters).
 */
export function AgencyListPage() {
  const { t } = useTranslation();
  const columns = useOrganisationColumns('/workspace/agencies');
  const [{ status, q, sanction }, setFilter] = useUrlFilters('status', 'q', 'sanction');
  const { data, isFetching, error, refetch } = useAgencies({ status, q, sanction } as AgencyListQuery);

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('agencies.title')}
        </Typography.Title>
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select
          value={status}
          onChange={(v) => setFilter('status', v)}
          style={{ width: 160 }}
          aria-label={t('agencies.statusFilter')}
          data-testid="agency-status-filter"
          options={[
            { value: '', label: t('agencies.allStatuses') },
            { value: 'pending_review', label: t('orgStatus.pending_review') },
            { value: 'active', label: t('orgStatus.active') },
          ]}
        />
        <Select
          value={sanction}
          onChange={(v) => setFilter('sanction', v)}
          style={{ width: 180 }}
          aria-label={t('agencySanction.filter')}
          data-testid="agency-sanction-filter"
          options={[
            { value: '', label: t('agencySanction.all') },
            { value: 'none', label: t('agencySanction.none') },
            { value: 'in_force', label: t('agencySanction.in_force') },
            { value: 'suspension', label: t('sanctionKinds.suspension') },
            { value: 'blacklist', label: t('sanctionKinds.blacklist') },
          ]}
        />
        <Input.Search
          defaultValue={q}
          allowClear
          placeholder={t('agencies.searchPlaceholder')}
          onSearch={(v) => setFilter('q', v.trim())}
          style={{ maxWidth: 360 }}
          data-testid="agency-search"
        />
      </Flex>
      {error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<AgencyRow>
          rowKey="id"
          loading={isFetching}
          dataSource={data ?? []}
          locale={{ emptyText: t('agencies.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          size="middle"
          scroll={{ x: 900 }}
          data-testid="agencies-table"
          columns={[
            columns.name,
            columns.creditCode,
            { ...columns.region, width: 180 },
            columns.status,
            {
              title: t('agencySanction.column'),
              key: 'sanction',
              width: 200,
              render: (_, a) =>
                a.sanction ? (
                  <Space size={4} wrap data-testid={`agency-sanction-${a.id}`}>
                    <SanctionKindTag kind={a.sanction.kind} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {a.sanction.endsAt
                        ? t('agencySanction.until', { until: formatDateTime(a.sanction.endsAt, false) })
                        : t('sanction.indefinite')}
                    </Typography.Text>
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{t('agencySanction.none')}</Typography.Text>
                ),
            },
            columns.createdAt,
          ]}
        />
      )}
    </Card>
  );
}
