import { useState } from 'react';
import { Button, Card, Flex, Input, Select, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useOrganisations } from '../../api/hooks';
import type { Organisation, OrganisationListQuery } from '../../api/client';
import { canCreateOrganisations, organisationKinds } from '../../lib/roles';
import { DateTime, KindTag, OrganisationStatusTag, useKindLabel } from '../../components/labels';
import { useRegionLabel } from '../../components/regions';
import { QueryError } from '../../components/QueryError';
import { CreateOrganisationModal } from './CreateOrganisationModal';
import { useCurrentSession } from './session';

/** 组织机构: every organisation on the platform, for the platform admin and regulators. */
export function OrganisationListPage() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  // Filters live in the URL so "back" from a detail page returns to the same list.
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind') ?? '';
  const q = params.get('q') ?? '';
  const { data, isFetching, error, refetch } = useOrganisations({ kind, q } as OrganisationListQuery);
  const [creating, setCreating] = useState(false);
  const kindLabel = useKindLabel();
  const regionLabel = useRegionLabel();

  const setFilter = (name: 'kind' | 'q', value: string) =>
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
            {
              title: t('organisations.name'),
              dataIndex: 'name',
              render: (name: string, org) => <Link to={`/workspace/organisations/${org.id}`}>{name}</Link>,
            },
            {
              title: t('organisations.kind'),
              dataIndex: 'kind',
              width: 130,
              render: (k: string) => <KindTag kind={k} />,
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
              width: 200,
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
      <CreateOrganisationModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
