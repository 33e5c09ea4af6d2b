import { Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOrganisationChanges } from '../../api/organisationAdmin';
import type { OrganisationChange } from '../../api/client';
import { DateTime, useRoleLabel } from '../../components/labels';
import { QueryError } from '../../components/QueryError';

/** 变更记录: what the platform admin corrected on the organisation and its users. */
export function OrganisationChangesCard({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const { data: changes, isPending, error, refetch } = useOrganisationChanges(orgId);

  const value = (change: OrganisationChange, v: string) => {
    if (change.field === 'role') return roleLabel(v);
    if (change.field === 'credit_code') return <Typography.Text code>{v}</Typography.Text>;
    return v;
  };

  return (
    <Card title={t('orgAdmin.changes')} data-testid="organisation-changes">
      {error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<OrganisationChange>
          rowKey="id"
          loading={isPending}
          dataSource={changes ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          size="small"
          scroll={{ x: 720 }}
          locale={{ emptyText: t('orgAdmin.noChanges') }}
          columns={[
            {
              title: t('orgAdmin.changedAt'),
              dataIndex: 'changedAt',
              width: 160,
              render: (v: string) => <DateTime value={v} />,
            },
            { title: t('orgAdmin.changedBy'), dataIndex: 'changedByName', width: 120 },
            {
              title: t('orgAdmin.what'),
              dataIndex: 'field',
              render: (_: string, c) => t(`orgAdmin.fields.${c.field}`, { username: c.username ?? '' }),
            },
            {
              title: t('orgAdmin.oldValue'),
              dataIndex: 'oldValue',
              render: (v: string, c) => (c.field === 'password_reset' ? '—' : value(c, v)),
            },
            {
              title: t('orgAdmin.newValue'),
              dataIndex: 'newValue',
              render: (v: string, c) => (c.field === 'password_reset' ? '—' : value(c, v)),
            },
          ]}
        />
      )}
    </Card>
  );
}
