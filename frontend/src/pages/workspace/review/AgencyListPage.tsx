import { Card, Flex, Input, Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOrganisations } from '../../../api/hooks';
import type { Organisation, OrganisationListQuery } from '../../../api/client';
import { QueryError } from '../../../components/QueryError';
import { useUrlFilters } from '../../../lib/useUrlFilters';
import { useOrganisationColumns } from '../organisationColumns';

/** 中介机构: every agency, for regulators and the platform admin, leading to its application. */
export function AgencyListPage() {
  const { t } = useTranslation();
  const columns = useOrganisationColumns('/workspace/agencies');
  const [{ status, q }, setFilter] = useUrlFilters('status', 'q');
  const { data, isFetching, error, refetch } = useOrganisations({ kind: 'agency', status, q } as OrganisationListQuery);

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
        <Table<Organisation>
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
            columns.createdAt,
          ]}
        />
      )}
    </Card>
  );
}
