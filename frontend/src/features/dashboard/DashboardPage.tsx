import { lazy, Suspense, useMemo, useState } from 'react';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Row,
  Segmented,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError';
import { RegionSelect } from '../../components/regions';
import { formatDateTime } from '../../lib/datetime';
import { useUrlFilters } from '../../lib/useUrlFilters';
import {
  breakdowns,
  exportHref,
  listFigures,
  useFacts,
  useFigures,
  type Breakdown,
  type FactRow,
  type FactsQuery,
  type GroupFigures,
  type ListFigure,
  type Totals,
} from './api';
import { formatMoney, type MoneyUnit } from './money';

const TrendChart = lazy(() => import('./TrendChart'));

const filterOf: Record<Breakdown, 'region' | 'owner' | 'agency' | 'item'> = {
  region: 'region',
  owner: 'owner',
  agency: 'agency',
  item: 'item',
};

/** 统计分析: the regulators' dashboard of a period, with the list behind every figure. */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const [f, setFilter] = useUrlFilters(
    'from',
    'to',
    'region',
    'owner',
    'agency',
    'item',
    'by',
    'unit',
    'figure',
    'name',
  );
  const unit: MoneyUnit = f.unit === 'wan' ? 'wan' : 'yuan';
  const money = (fen: number) => formatMoney(fen, unit);
  const unitLabel = t(unit === 'wan' ? 'dashboard.wan' : 'dashboard.yuan');
  const query: FactsQuery = {
    from: f.from || undefined,
    to: f.to || undefined,
    region: f.region || undefined,
    owner: Number(f.owner) || undefined,
    agency: Number(f.agency) || undefined,
    item: Number(f.item) || undefined,
    by: f.by || undefined,
  };
  const figures = useFigures(query);
  const data = figures.data;
  const totals = data?.totals;
  const figure = (listFigures as readonly string[]).includes(f.figure) ? (f.figure as ListFigure) : undefined;
  const groupFilter = f.owner || f.agency || f.item;

  const open = (name: ListFigure) => setFilter('figure', name);

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('dashboard.title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph type="secondary">{t('dashboard.lead')}</Typography.Paragraph>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Space.Compact>
          <DatePicker
            aria-label={t('dashboard.periodFrom')}
            placeholder={t('dashboard.periodFrom')}
            allowClear={false}
            style={{ width: 130 }}
            value={data ? dayjs(data.from) : null}
            onChange={(d) => setFilter('from', d ? d.format('YYYY-MM-DD') : '')}
          />
          <DatePicker
            aria-label={t('dashboard.periodTo')}
            placeholder={t('dashboard.periodTo')}
            allowClear={false}
            style={{ width: 130 }}
            value={data ? dayjs(data.to) : null}
            onChange={(d) => setFilter('to', d ? d.format('YYYY-MM-DD') : '')}
          />
        </Space.Compact>
        <RegionSelect
          value={f.region || undefined}
          allowClear
          placeholder={t('dashboard.allRegions')}
          aria-label={t('dashboard.region')}
          style={{ width: 180 }}
          onChange={(v) => setFilter('region', v ?? '')}
        />
        <Select
          value={f.by}
          aria-label={t('dashboard.by')}
          style={{ width: 160 }}
          onChange={(v) => setFilter('by', v)}
          options={[
            { value: '', label: t('dashboard.byNone') },
            ...breakdowns.map((b) => ({
              value: b,
              label: t(`dashboard.by${b[0].toUpperCase()}${b.slice(1)}` as 'dashboard.byRegion'),
            })),
          ]}
        />
        <Segmented
          aria-label={t('dashboard.unit')}
          value={unit}
          onChange={(v) => setFilter('unit', v === 'wan' ? 'wan' : '')}
          options={[
            { value: 'yuan', label: t('dashboard.yuan') },
            { value: 'wan', label: t('dashboard.wan') },
          ]}
        />
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={exportHref('dashboard', 'xlsx', query)} download>
            {t('dashboard.exportExcel')}
          </Button>
          <Button icon={<DownloadOutlined />} href={exportHref('dashboard', 'csv', query)} download>
            {t('dashboard.exportCsv')}
          </Button>
        </Space>
      </Flex>
      {groupFilter && (
        <Tag
          closable
          onClose={() => {
            setFilter('owner', '');
            setFilter('agency', '');
            setFilter('item', '');
            setFilter('name', '');
          }}
          closeIcon={<span aria-label={t('dashboard.clearFilter')}>×</span>}
          style={{ marginBottom: 16 }}
          data-testid="dashboard-filter"
        >
          {t('dashboard.filteredBy', { name: f.name || groupFilter })}
        </Tag>
      )}
      {figures.error ? (
        <QueryError error={figures.error} onRetry={() => void figures.refetch()} />
      ) : !totals ? (
        <Skeleton active />
      ) : (
        <>
          <FigureCards totals={totals} money={money} unitLabel={unitLabel} open={open} />
          {figure && (
            <FactList
              query={{ ...query, figure }}
              figure={figure}
              money={money}
              unitLabel={unitLabel}
              en={en}
              onClose={() => setFilter('figure', '')}
            />
          )}
          <Trend months={data.months} money={money} unit={unit} unitLabel={unitLabel} />
          {data.by && (
            <Groups
              groups={data.groups}
              by={data.by as Breakdown}
              money={money}
              unitLabel={unitLabel}
              en={en}
              onPick={(g) => {
                const key = filterOf[data.by as Breakdown];
                setFilter(key, g.key);
                setFilter('name', en ? g.nameEn : g.name);
                setFilter('by', '');
              }}
            />
          )}
        </>
      )}
    </Card>
  );
}

interface MoneyProps {
  money: (fen: number) => string;
  unitLabel: string;
}

/** A figure that opens the list behind it. */
function FigureCard({
  title,
  value,
  suffix,
  extra,
  onOpen,
  testId,
}: {
  title: string;
  value: string;
  suffix?: string;
  extra?: string;
  onOpen?: () => void;
  testId: string;
}) {
  return (
    <Col xs={12} sm={8} lg={6}>
      <Card
        size="small"
        hoverable={!!onOpen}
        onClick={onOpen}
        role={onOpen ? 'button' : undefined}
        tabIndex={onOpen ? 0 : undefined}
        onKeyDown={(e) => {
          if (onOpen && (e.key === 'Enter' || e.key === ' ')) {
            e.preventDefault();
            onOpen();
          }
        }}
        data-testid={testId}
        style={{ height: '100%' }}
      >
        <Statistic title={title} value={value} suffix={suffix} valueStyle={{ fontSize: 22 }} />
        {extra && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {extra}
          </Typography.Text>
        )}
      </Card>
    </Col>
  );
}

function FigureCards({
  totals,
  money,
  unitLabel,
  open,
}: MoneyProps & { totals: Totals; open: (f: ListFigure) => void }) {
  const { t } = useTranslation();
  const rate = (r: string) => (r ? `${r}%` : t('dashboard.noRate'));
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      <FigureCard
        testId="figure-published"
        title={t('dashboard.figures.published')}
        value={String(totals.published)}
        onOpen={() => open('published')}
      />
      <FigureCard
        testId="figure-selected"
        title={t('dashboard.figures.selected')}
        value={String(totals.selections)}
        onOpen={() => open('selected')}
      />
      <FigureCard
        testId="figure-registered"
        title={t('dashboard.figures.registered')}
        value={String(totals.contracts)}
        onOpen={() => open('registered')}
      />
      <FigureCard
        testId="figure-completed"
        title={t('dashboard.figures.completed')}
        value={String(totals.completed)}
        onOpen={() => open('completed')}
      />
      <FigureCard
        testId="figure-on-time"
        title={t('dashboard.figures.onTimeRate')}
        value={rate(totals.onTimeRate)}
        extra={t('dashboard.onTimeDetail', { onTime: totals.onTime, completed: totals.completed })}
        onOpen={() => open('late')}
      />
      <FigureCard
        testId="figure-deals"
        title={t('dashboard.figures.deals')}
        value={money(totals.dealFen)}
        suffix={unitLabel}
        extra={totals.awaitingPrice > 0 ? t('dashboard.awaitingPrice', { count: totals.awaitingPrice }) : undefined}
        onOpen={() => open('deals')}
      />
      <FigureCard
        testId="figure-savings"
        title={t('dashboard.figures.savings')}
        value={money(totals.savingsFen)}
        suffix={unitLabel}
        extra={t('dashboard.savingsDetail', { ceiling: `${money(totals.ceilingFen)} ${unitLabel}` })}
        onOpen={() => open('deals')}
      />
      <FigureCard
        testId="figure-savings-rate"
        title={t('dashboard.figures.savingsRate')}
        value={rate(totals.savingsRate)}
        onOpen={() => open('deals')}
      />
      <FigureCard
        testId="figure-complaints"
        title={t('dashboard.figures.complaints')}
        value={String(totals.complaints)}
        extra={t('dashboard.upheldDetail', { upheld: totals.upheld })}
        onOpen={() => open('complaints')}
      />
    </Row>
  );
}

function Trend({
  months,
  money,
  unit,
  unitLabel,
}: MoneyProps & {
  months: {
    month: string;
    published: number;
    selections: number;
    contracts: number;
    completed: number;
    dealFen: number;
    savingsFen: number;
  }[];
  unit: MoneyUnit;
}) {
  const { t } = useTranslation();
  const labels = months.map((m) => m.month);
  const counts = useMemo(
    () => [
      { name: t('dashboard.figures.published'), kind: 'line' as const, values: months.map((m) => m.published) },
      { name: t('dashboard.figures.selected'), kind: 'line' as const, values: months.map((m) => m.selections) },
      { name: t('dashboard.figures.registered'), kind: 'line' as const, values: months.map((m) => m.contracts) },
      { name: t('dashboard.figures.completed'), kind: 'line' as const, values: months.map((m) => m.completed) },
    ],
    [months, t],
  );
  // The bars' heights are only drawn; their exact amounts are the tooltip's text.
  const perUnit = unit === 'wan' ? 1_000_000 : 100;
  const amounts = useMemo(
    () => [
      {
        name: t('dashboard.figures.deals'),
        kind: 'bar' as const,
        values: months.map((m) => Math.round(m.dealFen / perUnit)),
        labels: months.map((m) => `${money(m.dealFen)} ${unitLabel}`),
      },
      {
        name: t('dashboard.figures.savings'),
        kind: 'bar' as const,
        values: months.map((m) => Math.round(m.savingsFen / perUnit)),
        labels: months.map((m) => `${money(m.savingsFen)} ${unitLabel}`),
      },
    ],
    [months, t, perUnit, money, unitLabel],
  );
  return (
    <Card size="small" title={t('dashboard.trend')} style={{ marginBottom: 16 }} data-testid="dashboard-trend">
      <Suspense fallback={<Skeleton active />}>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Typography.Text type="secondary">{t('dashboard.trendCounts')}</Typography.Text>
            <TrendChart months={labels} series={counts} label={t('dashboard.trendCounts')} />
          </Col>
          <Col xs={24} lg={12}>
            <Typography.Text type="secondary">{t('dashboard.trendMoney', { unit: unitLabel })}</Typography.Text>
            <TrendChart months={labels} series={amounts} label={t('dashboard.trendMoney', { unit: unitLabel })} />
          </Col>
        </Row>
      </Suspense>
    </Card>
  );
}

function Groups({
  groups,
  by,
  money,
  unitLabel,
  en,
  onPick,
}: MoneyProps & { groups: GroupFigures[]; by: Breakdown; en: boolean; onPick: (g: GroupFigures) => void }) {
  const { t } = useTranslation();
  const rate = (r: string) => (r ? `${r}%` : t('dashboard.noRate'));
  return (
    <Card size="small" title={t('dashboard.groups')}>
      <Table<GroupFigures>
        rowKey="key"
        dataSource={groups}
        size="small"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('dashboard.empty') }}
        data-testid="dashboard-groups"
        columns={[
          {
            title: t('dashboard.group'),
            key: 'name',
            fixed: 'left',
            width: 200,
            render: (_, g) =>
              g.key === '' ? (
                t('dashboard.noAgency')
              ) : (
                <Typography.Link onClick={() => onPick(g)}>{en ? g.nameEn || g.name : g.name}</Typography.Link>
              ),
          },
          { title: t('dashboard.figures.published'), dataIndex: 'published', align: 'right', hidden: by === 'agency' },
          { title: t('dashboard.figures.selected'), dataIndex: 'selections', align: 'right' },
          { title: t('dashboard.figures.registered'), dataIndex: 'contracts', align: 'right' },
          { title: t('dashboard.figures.completed'), dataIndex: 'completed', align: 'right' },
          {
            title: t('dashboard.figures.onTimeRate'),
            key: 'onTime',
            align: 'right',
            render: (_, g) => rate(g.onTimeRate),
          },
          {
            title: t('dashboard.withUnit', { label: t('dashboard.figures.deals'), unit: unitLabel }),
            key: 'deal',
            align: 'right',
            render: (_, g) => money(g.dealFen),
          },
          {
            title: t('dashboard.withUnit', { label: t('dashboard.figures.savings'), unit: unitLabel }),
            key: 'savings',
            align: 'right',
            render: (_, g) => money(g.savingsFen),
          },
          {
            title: t('dashboard.figures.savingsRate'),
            key: 'rate',
            align: 'right',
            render: (_, g) => rate(g.savingsRate),
          },
          { title: t('dashboard.figures.complaints'), dataIndex: 'complaints', align: 'right' },
        ]}
      />
    </Card>
  );
}

function FactList({
  query,
  figure,
  money,
  unitLabel,
  en,
  onClose,
}: MoneyProps & { query: FactsQuery; figure: ListFigure; en: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const { data, error, isFetching, refetch } = useFacts({ ...query, by: undefined, page, pageSize }, true);
  const yesNo = (b?: boolean) => (b === undefined ? '' : b ? t('dashboard.yes') : t('dashboard.no'));
  const amount = (fen?: number) => (fen === undefined ? '' : money(fen));
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="dashboard-list"
      title={t('dashboard.list', { figure: t(`dashboard.listFigures.${figure}`) })}
      extra={
        <Space wrap>
          <Button size="small" icon={<DownloadOutlined />} href={exportHref('facts', 'xlsx', query)} download>
            {t('dashboard.exportExcel')}
          </Button>
          <Button size="small" icon={<DownloadOutlined />} href={exportHref('facts', 'csv', query)} download>
            {t('dashboard.exportCsv')}
          </Button>
          <Button size="small" onClick={onClose}>
            {t('dashboard.closeList')}
          </Button>
        </Space>
      }
    >
      {error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<FactRow>
          rowKey={(r) => `${r.figure}-${r.contractId ?? r.announcementId}-${r.at}`}
          loading={isFetching}
          dataSource={data?.items ?? []}
          size="small"
          scroll={{ x: 1200 }}
          locale={{ emptyText: t('dashboard.empty') }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: setPage,
          }}
          columns={[
            { title: t('dashboard.columns.at'), key: 'at', width: 140, render: (_, r) => formatDateTime(r.at) },
            {
              title: t('dashboard.columns.title'),
              key: 'title',
              width: 280,
              render: (_, r) => (
                <Flex vertical>
                  <Link
                    to={
                      r.contractId
                        ? `/workspace/contracts/${r.contractId}`
                        : `/workspace/announcements/${r.announcementId}`
                    }
                  >
                    {r.title}
                  </Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.code}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('dashboard.columns.region'),
              key: 'region',
              render: (_, r) => (en ? r.regionNameEn : r.regionName),
            },
            { title: t('dashboard.columns.owner'), dataIndex: 'ownerName' },
            { title: t('dashboard.columns.agency'), key: 'agency', render: (_, r) => r.agencyName ?? '' },
            { title: t('dashboard.columns.item'), key: 'item', render: (_, r) => (en ? r.itemNameEn : r.itemName) },
            {
              title: t('dashboard.withUnit', { label: t('dashboard.columns.ceiling'), unit: unitLabel }),
              key: 'ceiling',
              align: 'right',
              render: (_, r) => amount(r.ceilingFen),
            },
            {
              title: t('dashboard.withUnit', { label: t('dashboard.columns.deal'), unit: unitLabel }),
              key: 'deal',
              align: 'right',
              render: (_, r) => amount(r.dealFen),
            },
            {
              title: t('dashboard.withUnit', { label: t('dashboard.columns.savings'), unit: unitLabel }),
              key: 'savings',
              align: 'right',
              render: (_, r) => amount(r.savingsFen),
            },
            { title: t('dashboard.columns.onTime'), key: 'onTime', render: (_, r) => yesNo(r.onTime) },
            { title: t('dashboard.columns.upheld'), key: 'upheld', render: (_, r) => yesNo(r.upheld) },
          ]}
        />
      )}
    </Card>
  );
}
