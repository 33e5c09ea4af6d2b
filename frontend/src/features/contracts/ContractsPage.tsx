import { Card, Checkbox, Flex, Input, Select, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError';
import { useLocalName } from '../../components/agency';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useCurrentSession } from '../../pages/workspace/session';
import { Money } from '../procurement/labels';
import { contractStatuses, useContracts, type ContractQuery, type ContractRow } from './api';
import { formatDateTime } from '../../lib/datetime';
import { ContractMarkers, ContractStatusTag, day } from './labels';
import { ExportButtons } from '../exports/ExportButtons';

/** 合同管理: the caller's contracts (every contract for regulators), with their state and markers. */
export function ContractsPage() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const [{ status, q, todo, flagged, late }, setFilter] = useUrlFilters('status', 'q', 'todo', 'flagged', 'late');
  const query = { status, q, todo, flagged: flagged === 'true', late: late === 'true' } as ContractQuery;
  const { data, isFetching, error, refetch } = useContracts(query);
  const name = useLocalName();
  const kind = session.organisation.kind;
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('contracts.title')}
        </Typography.Title>
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }} align="center">
        <Select
          value={status}
          onChange={(v) => setFilter('status', v)}
          style={{ width: 170 }}
          aria-label={t('contracts.fields.status')}
          options={[
            { value: '', label: t('contracts.allStatuses') },
            ...contractStatuses.map((s) => ({ value: s, label: t(`contracts.statuses.${s}`) })),
          ]}
        />
        {kind !== 'regulator' && (
          <Select
            value={todo}
            onChange={(v) => setFilter('todo', v)}
            style={{ width: 170 }}
            aria-label={t('contracts.todoFilter')}
            options={[
              { value: '', label: t('contracts.todo.all') },
              { value: 'register', label: t('contracts.todo.register') },
              { value: 'confirm', label: t('contracts.todo.confirm') },
              { value: 'amendment', label: t('contracts.todo.amendment') },
            ]}
          />
        )}
        <Checkbox checked={late === 'true'} onChange={(e) => setFilter('late', e.target.checked ? 'true' : '')}>
          {t('contracts.lateOnly')}
        </Checkbox>
        <Checkbox checked={flagged === 'true'} onChange={(e) => setFilter('flagged', e.target.checked ? 'true' : '')}>
          {t('contracts.flaggedOnly')}
        </Checkbox>
        <Input.Search
          defaultValue={q}
          allowClear
          placeholder={t('contracts.search')}
          onSearch={(v) => setFilter('q', v.trim())}
          style={{ maxWidth: 280 }}
        />
        <ExportButtons
          base="/api/v1/contracts"
          query={query}
          xlsxOperation="contract.exportXlsx"
          csvOperation="contract.exportCsv"
          name="contracts"
          testId="contracts-export"
        />
      </Flex>
      {error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<ContractRow>
          rowKey="id"
          loading={isFetching}
          dataSource={data ?? []}
          locale={{ emptyText: t('contracts.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          size="middle"
          scroll={{ x: 1000 }}
          data-testid="contracts"
          columns={[
            {
              title: t('contracts.fields.title'),
              key: 'title',
              render: (_, c) => (
                <Flex vertical>
                  <Link to={`/workspace/contracts/${c.id}`}>{c.title}</Link>
                  <Typography.Text type="secondary">{c.code}</Typography.Text>
                </Flex>
              ),
            },
            {
              title: kind === 'agency' ? t('contracts.fields.owner') : t('contracts.fields.agency'),
              key: 'party',
              width: 200,
              render: (_, c) => (kind === 'agency' ? c.ownerName : c.agencyName),
            },
            {
              title: t('contracts.fields.item'),
              key: 'item',
              width: 180,
              render: (_, c) => name({ nameZh: c.itemNameZh, nameEn: c.itemNameEn }),
            },
            {
              title: t('contracts.fields.price'),
              key: 'price',
              width: 140,
              align: 'right',
              render: (_, c) => (c.priceFen ? <Money fen={c.priceFen} /> : '—'),
            },
            {
              title: t('contracts.fields.status'),
              key: 'status',
              width: 200,
              render: (_, c) => (
                <Flex gap={4} wrap>
                  <ContractStatusTag status={c.status} />
                  <ContractMarkers c={c} />
                </Flex>
              ),
            },
            {
              title: t('contracts.fields.due'),
              key: 'due',
              width: 120,
              render: (_, c) =>
                c.dueOn ? day(c.dueOn) : `${t('contracts.registerBy')} ${formatDateTime(c.registerBy, false)}`,
            },
          ]}
        />
      )}
    </Card>
  );
}
