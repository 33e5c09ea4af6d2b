import { useState } from 'react';
import { Button, Card, Flex, Input, Select, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useOrganisations } from '../../api/hooks';
import type { Organisation, OrganisationListQuery } from '../../api/client';
import { canCreateOrganisations, organisationKinds } from '../../lib/roles';
import { KindTag, useKindLabel } from '../../components/labels';
import { QueryError } from '../../components/QueryError';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { CreateOrganisationModal } from './CreateOrganisationModal';
import { useOrganisationColumns } from './organisationColumns';
import { useCurrentSession } from './session';

/** 组织机构: every organisation on the platform, for the platform admin and regulators. */
export function OrganisationListPage() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const [{ kind, q }, setFilter] = useUrlFilters('kind', 'q');
  const { data, isFetching, error, refetch } = useOrganisations({ kind, q } as OrganisationListQuery);
  const [creating, setCreating] = useState(false);
  const kindLabel = useKindLabel();
  const columns = useOrganisationColumns('/workspace/organisations');

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('organisations.title')}
        </Typography.Title>
      }
      extra={
        canCreateOrganisations(session.user) && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="create-organisation"
          >
            {t('organisations.create')}
          </Button>
        )
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select
          value={kind}
          onChange={(v) => setFilter('kind', v)}
          style={{ width: 180 }}
          aria-label={t('organisations.kindFilter')}
          data-testid="organisation-kind-filter"
          options={[
            { value: '', label: t('organisations.allKinds') },
            ...organisationKinds.map((k) => ({ value: k, label: kindLabel(k) })),
          ]}
        />
        <Input.Search
          defaultValue={q}
          allowClear
          placeholder={t('organisations.searchPlaceholder')}
          onSearch={(v) => setFilter('q', v.trim())}
          style={{ maxWidth: 360 }}
          data-testid="organisation-search"
        />
      </Flex>
      {error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<Organisation>
          rowKey="id"
          loading={isFetching}
          dataSource={data ?? []}
          locale={{ emptyText: t('organisations.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          size="middle"
          scroll={{ x: 1000 }}
          columns={[
            columns.name,
            {
              title: t('organisations.kind'),
              dataIndex: 'kind',
              width: 130,
              render: (k: string) => <KindTag kind={k} />,
            },
            columns.creditCode,
            columns.region,
            columns.status,
            columns.createdAt,
          ]}
        />
      )}
      <CreateOrganisationModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
