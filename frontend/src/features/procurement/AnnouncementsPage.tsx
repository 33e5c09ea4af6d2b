import { Button, Card, Flex, Input, Select, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError';
import { DateTime } from '../../components/labels';
import { useLocalName } from '../../components/agency';
import { can } from '../../lib/permissions';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useCurrentSession } from '../../pages/workspace/session';
import { useAnnouncements, type AnnouncementQuery, type AnnouncementRow, type AnnouncementStatus } from './api';
import { Money, StatusTag, useMethodLabel } from './labels';
import { ExportButtons } from '../exports/ExportButtons';

export const statuses: AnnouncementStatus[] = [
  'draft',
  'open',
  'closed',
  'failed',
  'in_publicity',
  'awarded',
  'cancelled',
];

/** The owner's announcements (every owner's for regulators), newest first. */
export function AnnouncementsPage() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const navigate = useNavigate();
  const [{ status, q, todo }, setFilter] = useUrlFilters('status', 'q', 'todo');
  const query = { status, q, todo } as AnnouncementQuery;
  const { data, isFetching, error, refetch } = useAnnouncements(query);
  const method = useMethodLabel();
  const name = useLocalName();
  const owner = session.organisation.kind === 'owner';
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {owner ? t('procurement.announcements.mine') : t('procurement.announcements.title')}
        </Typography.Title>
      }
      extra={
        can(session, 'procurement.createAnnouncement') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => void navigate('/workspace/announcements/new')}
            data-testid="create-announcement"
          >
            {t('procurement.announcements.new')}
          </Button>
        )
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select
          value={status}
          onChange={(v) => setFilter('status', v)}
          style={{ width: 160 }}
          aria-label={t('procurement.announcements.status')}
          options={[
            { value: '', label: t('procurement.announcements.allStatuses') },
            ...statuses.map((s) => ({ value: s, label: t(`procurement.statuses.${s}`) })),
          ]}
        />
        {owner && (
          <Select
            value={todo}
            onChange={(v) => setFilter('todo', v)}
            style={{ width: 160 }}
            aria-label={t('announcementQueues.filter')}
            data-testid="announcement-todo"
            options={[
              { value: '', label: t('announcementQueues.all') },
              { value: 'choose', label: t('announcementQueues.choose') },
              { value: 'objections', label: t('announcementQueues.objections') },
            ]}
          />
        )}
        <Input.Search
          defaultValue={q}
          allowClear
          placeholder={t('procurement.announcements.search')}
          onSearch={(v) => setFilter('q', v.trim())}
          style={{ maxWidth: 320 }}
        />
        <ExportButtons
          base="/api/v1/announcements"
          query={query}
          xlsxOperation="procurement.exportAnnouncementsXlsx"
          csvOperation="procurement.exportAnnouncementsCsv"
          name="announcements"
          testId="announcements-export"
        />
      </Flex>
      {error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<AnnouncementRow>
          rowKey="id"
          loading={isFetching}
          dataSource={data ?? []}
          locale={{ emptyText: t('procurement.announcements.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          size="middle"
          scroll={{ x: 1100 }}
          data-testid="announcements"
          columns={[
            {
              title: t('procurement.announcements.titleField'),
              key: 'title',
              render: (_, a) => (
                <Flex vertical>
                  <Link to={`/workspace/announcements/${a.id}`}>{a.title}</Link>
                  <Typography.Text type="secondary">
                    {a.code || t('procurement.statuses.draft')}
                    {a.round > 1 && ` · ${t('procurement.round', { round: a.round })}`}
                  </Typography.Text>
                </Flex>
              ),
            },
            ...(owner ? [] : [{ title: t('procurement.announcements.owner'), dataIndex: 'ownerName', width: 180 }]),
            {
              title: t('procurement.announcements.item'),
              key: 'item',
              width: 200,
              render: (_, a) => name({ nameZh: a.itemNameZh, nameEn: a.itemNameEn }),
            },
            {
              title: t('procurement.announcements.method'),
              key: 'method',
              width: 110,
              render: (_, a) => method(a.method),
            },
            {
              title: t('procurement.announcements.ceiling'),
              key: 'ceiling',
              width: 150,
              align: 'right',
              render: (_, a) => <Money fen={a.ceilingFen} />,
            },
            {
              title: t('procurement.announcements.status'),
              key: 'status',
              width: 110,
              render: (_, a) => <StatusTag status={a.status} />,
            },
            {
              title: t('procurement.announcements.deadline'),
              key: 'deadline',
              width: 150,
              render: (_, a) => (a.registrationDeadline ? <DateTime value={a.registrationDeadline} /> : '—'),
            },
            {
              title: t('procurement.announcements.registrants'),
              dataIndex: 'registrantCount',
              width: 100,
              align: 'right',
            },
          ]}
        />
      )}
    </Card>
  );
}
