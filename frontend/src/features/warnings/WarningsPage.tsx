import { Button, Card, Flex, Input, Segmented, Select, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError';
import { RegionSelect } from '../../components/regions';
import { formatDateTime } from '../../lib/datetime';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { can } from '../../lib/permissions';
import { useCurrentSession } from '../../pages/workspace/session';
import {
  exportUrl,
  levels,
  ruleNames,
  useWarningCounts,
  useWarnings,
  type Level,
  type RuleName,
  type WarningQuery,
  type WarningRow,
} from './api';

const pageSize = 20;

export function LevelTag({ level }: { level: Level }) {
  const { t } = useTranslation();
  return (
    <Tag color={level === 'red' ? 'red' : 'gold'} data-level={level}>
      {t(`warnings.levels.${level}`)}
    </Tag>
  );
}

/** Where a warning's subject is read: the announcement, the contract, or the agency's qualifications. */
function useSubjectPath() {
  const session = useCurrentSession();
  const kind = session.organisation.kind;
  return (w: WarningRow): string | undefined => {
    if (w.contractId) return `/workspace/contracts/${w.contractId}`;
    if (w.rule === 'direct_choice' && w.announcementId) return `/workspace/announcements/${w.announcementId}`;
    if (w.rule === 'qualification_expiring') {
      if (kind === 'agency') return '/workspace/application';
      if (kind === 'regulator' && w.agencyId) return `/workspace/agencies/${w.agencyId}`;
    }
    return undefined;
  };
}

/** 预警: the regulators' queue across the marketplace; an owner's or agency's own warnings. */
export function WarningsPage() {
  const { t, i18n } = useTranslation();
  const session = useCurrentSession();
  const [{ rule, level, state, region, q, page }, setFilter] = useUrlFilters(
    'rule',
    'level',
    'state',
    'region',
    'q',
    'page',
  );
  const query: WarningQuery = {
    rule: (rule || undefined) as WarningQuery['rule'],
    level: (level || undefined) as WarningQuery['level'],
    state: (state || undefined) as WarningQuery['state'],
    region: region || undefined,
    q: q || undefined,
    page: Number(page) || 1,
    pageSize,
  };
  const { data, isFetching, error, refetch } = useWarnings(query);
  const counts = useWarningCounts();
  const subjectPath = useSubjectPath();
  const en = i18n.language === 'en-US';
  const filter = (name: 'rule' | 'level' | 'state' | 'region' | 'q', value: string) => {
    setFilter(name, value);
    setFilter('page', '');
  };
  const cleared = state === 'cleared';
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('warnings.title')}
        </Typography.Title>
      }
      extra={
        counts.data && (
          <Typography.Text data-testid="warning-counts">
            {t('warnings.counts', { yellow: counts.data.yellow, red: counts.data.red })}
          </Typography.Text>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('warnings.lead')}</Typography.Paragraph>
      <Flex gap={12} wrap style={{ marginBottom: 16 }} align="center">
        <Segmented
          value={cleared ? 'cleared' : 'open'}
          onChange={(v) => filter('state', v === 'cleared' ? 'cleared' : '')}
          options={[
            { value: 'open', label: t('warnings.open') },
            { value: 'cleared', label: t('warnings.cleared') },
          ]}
        />
        <Select
          value={rule}
          onChange={(v) => filter('rule', v)}
          style={{ width: 200 }}
          aria-label={t('warnings.fields.rule')}
          options={[
            { value: '', label: t('warnings.allRules') },
            ...ruleNames.map((r) => ({ value: r, label: t(`warnings.rules.${r}`) })),
          ]}
        />
        <Select
          value={level}
          onChange={(v) => filter('level', v)}
          style={{ width: 130 }}
          aria-label={t('warnings.fields.level')}
          options={[
            { value: '', label: t('warnings.allLevels') },
            ...levels.map((l) => ({ value: l, label: t(`warnings.levels.${l}`) })),
          ]}
        />
        {session.organisation.kind === 'regulator' && (
          <RegionSelect
            value={region || undefined}
            allowClear
            placeholder={t('warnings.fields.region')}
            style={{ width: 180 }}
            onChange={(v) => filter('region', v ?? '')}
          />
        )}
        <Input.Search
          defaultValue={q}
          allowClear
          placeholder={t('warnings.search')}
          onSearch={(v) => filter('q', v.trim())}
          style={{ maxWidth: 240 }}
        />
        {can(session, 'supervision.exportWarningsXlsx') && (
          <Button icon={<DownloadOutlined />} href={exportUrl('xlsx', query)} download data-testid="export-xlsx">
            {t('warnings.exportXlsx')}
          </Button>
        )}
        {can(session, 'supervision.exportWarningsCsv') && (
          <Button icon={<DownloadOutlined />} href={exportUrl('csv', query)} download>
            {t('warnings.exportCsv')}
          </Button>
        )}
      </Flex>
      {error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<WarningRow>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: t('warnings.empty') }}
          pagination={{
            current: query.page,
            pageSize,
            total: data?.total ?? 0,
            hideOnSinglePage: true,
            showSizeChanger: false,
            onChange: (p) => setFilter('page', p === 1 ? '' : String(p)),
          }}
          size="middle"
          scroll={{ x: 960 }}
          data-testid="warnings"
          columns={[
            {
              title: t('warnings.fields.level'),
              key: 'level',
              width: 80,
              render: (_, w) => <LevelTag level={w.level} />,
            },
            {
              title: t('warnings.fields.subject'),
              key: 'subject',
              render: (_, w) => {
                const path = subjectPath(w);
                return (
                  <Flex vertical>
                    <Typography.Text strong>{t(`warnings.rules.${w.rule as RuleName}`)}</Typography.Text>
                    {path ? <Link to={path}>{w.title}</Link> : <span>{w.title}</span>}
                    <Typography.Text type="secondary">{w.code}</Typography.Text>
                  </Flex>
                );
              },
            },
            {
              title: t('warnings.fields.parties'),
              key: 'parties',
              width: 220,
              render: (_, w) => (
                <Flex vertical>
                  {w.ownerName && <span>{w.ownerName}</span>}
                  {w.agencyName && <Typography.Text type="secondary">{w.agencyName}</Typography.Text>}
                </Flex>
              ),
            },
            {
              title: t('warnings.fields.region'),
              key: 'region',
              width: 110,
              render: (_, w) => (en ? w.regionNameEn : w.regionNameZh) ?? '',
            },
            {
              title: t('warnings.fields.due'),
              key: 'due',
              width: 150,
              // A time limit ends at 24:00 of its last day: that day is shown.
              render: (_, w) => formatDateTime(new Date(Date.parse(w.dueAt) - 1).toISOString(), false),
            },
            cleared
              ? {
                  title: t('warnings.fields.cleared'),
                  key: 'cleared',
                  width: 150,
                  render: (_, w) => (w.clearedAt ? formatDateTime(w.clearedAt) : ''),
                }
              : {
                  title: t('warnings.fields.raised'),
                  key: 'raised',
                  width: 150,
                  render: (_, w) => formatDateTime(w.raisedAt),
                },
          ]}
        />
      )}
    </Card>
  );
}
