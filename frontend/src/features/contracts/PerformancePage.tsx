import { Card, Checkbox, Flex, Input, Select, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError';
import { useLocalName } from '../../components/agency';
import { RegionSelect } from '../../components/regions';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { contractStatuses, usePerformance, type ContractQuery, type PerformanceRow } from './api';
import { ContractMarkers, ContractStatusTag, day } from './labels';
import { ExportButtons } from '../exports/ExportButtons';

/** 履约监管: every contract's timeline against its committed working days, for the regulators. */
export function PerformancePage() {
  const { t } = useTranslation();
  const [{ status, region, late, q }, setFilter] = useUrlFilters('status', 'region', 'late', 'q');
  const query = { status, region, q, late: late === 'true' } as ContractQuery;
  const { data, isFetching, error, refetch } = usePerformance(query);
  const name = useLocalName();
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('contracts.performance.title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph type="secondary">{t('contracts.performance.lead')}</Typography.Paragraph>
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
        <RegionSelect
          value={region || undefined}
          allowClear
          placeholder={t('contracts.fields.region')}
          style={{ width: 180 }}
          onChange={(v) => setFilter('region', v ?? '')}
        />
        <Checkbox checked={late === 'true'} onChange={(e) => setFilter('late', e.target.checked ? 'true' : '')}>
          {t('contracts.lateOnly')}
        </Checkbox>
        <Input.Search
          defaultValue={q}
          allowClear
          placeholder={t('contracts.search')}
          onSearch={(v) => setFilter('q', v.trim())}
          style={{ maxWidth: 280 }}
        />
        <ExportButtons
          base="/api/v1/performance"
          query={query}
          xlsxOperation="contract.exportPerformanceXlsx"
          csvOperation="contract.exportPerformanceCsv"
          name="performance"
          testId="performance-export"
        />
      </Flex>
      {error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<PerformanceRow>
          rowKey="id"
          loading={isFetching}
          dataSource={data ?? []}
          locale={{ emptyText: t('contracts.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          size="middle"
          scroll={{ x: 1200 }}
          data-testid="performance"
          columns={[
            {
              title: t('contracts.fields.title'),
              key: 'title',
              render: (_, c) => (
                <Flex vertical>
                  <Link to={`/workspace/contracts/${c.id}`}>{c.title}</Link>
                  <Typography.Text type="secondary">
                    {c.ownerName} · {c.agencyName}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('contracts.fields.item'),
              key: 'item',
              width: 160,
              render: (_, c) => name({ nameZh: c.itemNameZh, nameEn: c.itemNameEn }),
            },
            {
              title: t('contracts.fields.status'),
              key: 'status',
              width: 180,
              render: (_, c) => (
                <Flex gap={4} wrap>
                  <ContractStatusTag status={c.status} />
                  <ContractMarkers c={c} />
                </Flex>
              ),
            },
            {
              title: t('contracts.performance.period'),
              key: 'period',
              width: 150,
              render: (_, c) =>
                t('contracts.performance.used', {
                  used: c.workdaysUsed ?? 0,
                  committed: c.serviceWorkdays,
                }),
            },
            {
              title: t('contracts.performance.milestones'),
              key: 'milestones',
              width: 170,
              render: (_, c) =>
                t('contracts.performance.milestoneCounts', {
                  due: c.milestonesDue,
                  met: c.milestonesMet,
                  late: c.milestonesLate,
                }),
            },
            {
              title: t('contracts.performance.submissions'),
              key: 'submissions',
              width: 150,
              render: (_, c) =>
                t('contracts.performance.submissionCounts', { count: c.submissions, returns: c.returns }),
            },
            { title: t('contracts.fields.due'), key: 'due', width: 110, render: (_, c) => day(c.dueOn) },
          ]}
        />
      )}
    </Card>
  );
}
