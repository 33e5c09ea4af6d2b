import { Card, Flex, Input, Select, Table, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useOrganisations } from '../../../api/hooks';
import type { Organisation, OrganisationListQuery } from '../../../api/client';
import { DateTime, OrganisationStatusTag } from '../../../components/labels';
import { QueryError } from '../../../components/QueryError';
import { useRegionLabel } from '../../../components/regions';

/** 中介机构: every agency, for regulators and the platform admin, leading to its application. */
export function AgencyListPage() {
  const { t } = useTranslation();
  const regionLabel = useRegionLabel();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const q = params.get('q') ?? '';
  const { data, isFetching, error, refetch } = useOrganisations({ kind: 'agency', status, q } as OrganisationListQuery);

  const setFilter = (name: 'status' | 'q', value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

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
            {
              title: t('organisations.name'),
              dataIndex: 'name',
              render: (name: string, org) => <Link to={`/workspace/agencies/${org.id}`}>{name}</Link>,
            },
            {
              title: t('organisations.creditCode'),
              dataIndex: 'creditCode',
              width: 200,
              render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
            },
            {
              title: t('organisations.region'),
              dataIndex: 'regionCode',
              width: 180,
              ellipsis: true,
              render: (c: string) => regionLabel(c),
            },
            {
              title: t('organisations.status'),
              dataIndex: 'status',
              width: 110,
              render: (s: string) => <OrganisationStatusTag status={s} />,
            },
            {
              title: t('organisations.createdAt'),
              dataIndex: 'createdAt',
              width: 150,
              render: (v: string) => <DateTime value={v} />,
            },
          ]}
        />
      )}
    </Card>
  );
}
