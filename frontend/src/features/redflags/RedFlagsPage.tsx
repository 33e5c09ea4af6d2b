import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError';
import { DateTime } from '../../components/labels';
import { useLocalName } from '../../components/agency';
import { useRegionLabel } from '../../components/regions';
import { ApiError } from '../../api/problem';
import { errorMessage, showFieldErrors } from '../../lib/errors';
import { can, offers } from '../../lib/permissions';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { formatDateTime } from '../../lib/datetime';
import { useCurrentSession } from '../../pages/workspace/session';
import {
  exportUrl,
  redFlagKinds,
  useConcentration,
  useRedFlagSettings,
  useRedFlags,
  useReviewRedFlag,
  type ItemConcentration,
  type RedFlag,
  type RedFlagKind,
  type RedFlagQuery,
  type RedFlagSettings,
} from './api';
import { evidenceText, permilleText } from './evidence';

const kindColors: Record<RedFlagKind, string> = {
  single_registrant: 'orange',
  agency_concentration: 'volcano',
  price_near_ceiling: 'gold',
  identical_quotes: 'red',
  abnormally_low_quote: 'magenta',
  direct_splitting: 'purple',
  amendment_price_increase: 'geekblue',
  late_deliverable: 'cyan',
};

/** The thresholds the rules' explanation names. */
function thresholds(s: RedFlagSettings) {
  return {
    share: s.concentrationSharePercent,
    minAwards: s.concentrationMinAwards,
    nearCeiling: s.nearCeilingPercent,
    splittingNear: s.splittingNearPercent,
    windowDays: s.splittingWindowDays,
    minCount: s.splittingMinCount,
  };
}

/** Where the evidence is: the contract, else the announcement, on the regulator's own pages. */
function evidenceLink(f: RedFlag): string | undefined {
  if (f.contractId) return `/workspace/contracts/${f.contractId}`;
  if (f.announcementId) return `/workspace/announcements/${f.announcementId}`;
  return undefined;
}

/** 风险提示: the regulators' list of red flags, their review and export, and the concentration by item. */
export function RedFlagsPage() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const [{ kind, status, page }, setFilter] = useUrlFilters('kind', 'status', 'page');
  const query: RedFlagQuery = {
    ...(kind ? { kind: kind as RedFlagKind } : {}),
    ...(status ? { status: status as 'open' | 'reviewed' } : {}),
    page: Number(page) > 0 ? Number(page) : 1,
    pageSize: 20,
  };
  const { data, isFetching, error, refetch } = useRedFlags(query);
  const { data: settings } = useRedFlagSettings();
  const [reviewing, setReviewing] = useState<RedFlag>();
  const name = useLocalName();
  const region = useRegionLabel();
  const setAndFirstPage = (key: 'kind' | 'status', value: string) => {
    setFilter(key, value);
    setFilter('page', '');
  };
  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('redflags.title')}
          </Typography.Title>
        }
      >
        <Typography.Paragraph type="secondary">{t('redflags.lead')}</Typography.Paragraph>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} align="center">
          <Select
            value={kind}
            onChange={(v) => setAndFirstPage('kind', v)}
            style={{ width: 220, maxWidth: '100%' }}
            aria-label={t('redflags.fields.kind')}
            data-testid="red-flag-kind"
            options={[
              { value: '', label: t('redflags.allKinds') },
              ...redFlagKinds.map((k) => ({ value: k, label: t(`redflags.kinds.${k}`) })),
            ]}
          />
          <Select
            value={status}
            onChange={(v) => setAndFirstPage('status', v)}
            style={{ width: 150 }}
            aria-label={t('redflags.fields.status')}
            options={[
              { value: '', label: t('redflags.allStatuses') },
              { value: 'open', label: t('redflags.statuses.open') },
              { value: 'reviewed', label: t('redflags.statuses.reviewed') },
            ]}
          />
          {can(session, 'supervision.exportRedFlagsXLSX') && (
            <Button icon={<DownloadOutlined />} href={exportUrl('xlsx', query)} download data-testid="red-flags-xlsx">
              {t('redflags.exportXlsx')}
            </Button>
          )}
          {can(session, 'supervision.exportRedFlagsCSV') && (
            <Button icon={<DownloadOutlined />} href={exportUrl('csv', query)} download>
              {t('redflags.exportCsv')}
            </Button>
          )}
        </Flex>
        {error ? (
          <QueryError error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<RedFlag>
            rowKey="id"
            loading={isFetching}
            dataSource={data?.items ?? []}
            locale={{ emptyText: t('redflags.empty') }}
            pagination={{
              current: query.page,
              pageSize: 20,
              total: data?.total ?? 0,
              hideOnSinglePage: true,
              showSizeChanger: false,
              onChange: (p) => setFilter('page', p > 1 ? String(p) : ''),
            }}
            size="middle"
            scroll={{ x: 1100 }}
            data-testid="red-flags"
            columns={[
              {
                title: t('redflags.fields.kind'),
                key: 'kind',
                width: 170,
                render: (_, f) => <Tag color={kindColors[f.kind]}>{t(`redflags.kinds.${f.kind}`)}</Tag>,
              },
              {
                title: t('redflags.fields.subject'),
                key: 'subject',
                render: (_, f) => {
                  const to = evidenceLink(f);
                  const code = typeof f.evidence?.code === 'string' ? f.evidence.code : '';
                  return (
                    <Flex vertical>
                      {to ? <Link to={to}>{f.title}</Link> : <span>{f.title}</span>}
                      <Typography.Text type="secondary">
                        {[
                          code,
                          f.regionCode ? region(f.regionCode) : '',
                          name({ nameZh: f.itemNameZh, nameEn: f.itemNameEn }),
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </Typography.Text>
                      {f.ownerName && (
                        <Typography.Text type="secondary">
                          {t('redflags.owner')}：{f.ownerName}
                        </Typography.Text>
                      )}
                      {f.agencyName && (
                        <Typography.Text type="secondary">
                          {t('redflags.agency')}：{f.agencyName}
                        </Typography.Text>
                      )}
                    </Flex>
                  );
                },
              },
              {
                title: t('redflags.fields.evidence'),
                key: 'evidence',
                width: 300,
                render: (_, f) => evidenceText(t, f),
              },
              {
                title: t('redflags.fields.raisedAt'),
                key: 'raisedAt',
                width: 150,
                render: (_, f) => <DateTime value={f.raisedAt} />,
              },
              {
                title: t('redflags.fields.status'),
                key: 'status',
                width: 220,
                render: (_, f) =>
                  f.reviewedAt ? (
                    <Flex vertical gap={4}>
                      <Tag color="green" style={{ width: 'fit-content' }}>
                        {t('redflags.statuses.reviewed')}
                      </Tag>
                      <Typography.Text type="secondary">
                        {t('redflags.reviewedBy', {
                          name: f.reviewerName ?? '',
                          at: formatDateTime(f.reviewedAt),
                          note: f.reviewNote ?? '',
                        })}
                      </Typography.Text>
                    </Flex>
                  ) : (
                    <Flex gap={8} wrap align="center">
                      <Tag color="red">{t('redflags.statuses.open')}</Tag>
                      {offers(f, 'review') && (
                        <Button size="small" onClick={() => setReviewing(f)} data-testid={`review-${f.id}`}>
                          {t('redflags.review')}
                        </Button>
                      )}
                    </Flex>
                  ),
              },
            ]}
          />
        )}
        {settings && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
            <Typography.Text strong>{t('redflags.rules.title')}：</Typography.Text>
            {t('redflags.rules.text', thresholds(settings))}
          </Typography.Paragraph>
        )}
      </Card>
      <ConcentrationCard />
      {reviewing && <ReviewModal flag={reviewing} onClose={() => setReviewing(undefined)} />}
    </Flex>
  );
}

/** The concentration of each service item's awards in the last twelve months (HHI). */
function ConcentrationCard() {
  const { t } = useTranslation();
  const { data, isFetching, error, refetch } = useConcentration();
  const { data: settings } = useRedFlagSettings();
  const name = useLocalName();
  return (
    <Card
      title={
        <Typography.Title level={5} style={{ margin: 0, whiteSpace: 'normal' }}>
          {t('redflags.concentration.title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph type="secondary">{t('redflags.concentration.lead')}</Typography.Paragraph>
      {error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<ItemConcentration>
          rowKey="itemId"
          loading={isFetching}
          dataSource={data ?? []}
          locale={{ emptyText: t('redflags.concentration.empty') }}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          size="small"
          scroll={{ x: 760 }}
          data-testid="concentration"
          columns={[
            {
              title: t('redflags.concentration.item'),
              key: 'item',
              render: (_, c) => name({ nameZh: c.itemNameZh, nameEn: c.itemNameEn }),
            },
            { title: t('redflags.concentration.awards'), dataIndex: 'awards', width: 100 },
            { title: t('redflags.concentration.agencies'), dataIndex: 'agencies', width: 110 },
            {
              title: t('redflags.concentration.hhi'),
              key: 'hhi',
              width: 150,
              render: (_, c) => <Typography.Text type={c.hhi > 2500 ? 'danger' : undefined}>{c.hhi}</Typography.Text>,
            },
            {
              title: t('redflags.concentration.top'),
              key: 'top',
              render: (_, c) => (
                <Flex gap={8} wrap align="center">
                  <span>{c.topAgencyName}</span>
                  <Typography.Text type="secondary">
                    {t('redflags.concentration.share', {
                      count: c.topAwards,
                      share: permilleText(c.topSharePermille),
                    })}
                  </Typography.Text>
                  {c.flagged && settings && (
                    <Tag color="volcano">
                      {t('redflags.concentration.flagged', { share: settings.concentrationSharePercent })}
                    </Tag>
                  )}
                </Flex>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

/** A regulator's review of a flag, with a required note. */
function ReviewModal({ flag, onClose }: { flag: RedFlag; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const review = useReviewRedFlag(flag.id);
  const submit = async ({ note }: { note: string }) => {
    try {
      await review.mutateAsync(note.trim());
      void message.success(t('redflags.reviewed'));
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.problem.reason === 'red_flag_reviewed') {
        void message.warning(t('redflags.alreadyReviewed'));
        onClose();
      } else if (!showFieldErrors(form, t, e)) void message.error(errorMessage(t, e));
    }
  };
  return (
    <Modal
      open
      title={t('redflags.reviewTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('redflags.review')}
      okButtonProps={{ loading: review.isPending, id: 'red-flag-review-submit' }}
      destroyOnHidden
    >
      <Typography.Paragraph>
        <Tag color={kindColors[flag.kind]}>{t(`redflags.kinds.${flag.kind}`)}</Tag> {flag.title}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{evidenceText(t, flag)}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('redflags.reviewLead')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="note"
          label={t('redflags.note')}
          rules={[{ required: true, whitespace: true, message: t('redflags.noteRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="red-flag-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
