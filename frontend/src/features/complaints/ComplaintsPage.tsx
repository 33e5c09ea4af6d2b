import { Card, Flex, Select, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/datetime';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { complaintStatuses, useComplaints, type ComplaintRow } from './api';
import { ComplaintStatusTag } from './labels';
import { ExportButtons } from '../exports/ExportButtons';

/** 投诉处理: every complaint for regulators; the ones the organisation filed, answers or owns otherwise. */
export function ComplaintsPage() {
  const { t } = useTranslation();
  const [{ status }, setFilter] = useUrlFilters('status');
  const { data, isFetching, error, refetch } = useComplaints(status);
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('complaints.title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph type="secondary">{t('complaints.lead')}</Typography.Paragraph>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select
          value={status}
          onChange={(v) => setFilter('status', v)}
          style={{ width: 170 }}
          aria-label={t('complaints.fields.status')}
          options={[
            { value: '', label: t('complaints.allStatuses') },
            ...complaintStatuses.map((s) => ({ value: s, label: t(`complaints.statuses.${s}`) })),
          ]}
        />
        <ExportButtons
          base="/api/v1/complaints"
          query={{ status }}
          xlsxOperation="supervision.exportComplaintsXlsx"
          csvOperation="supervision.exportComplaintsCsv"
          name="complaints"
          testId="complaints-export"
        />
      </Flex>
      {error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<ComplaintRow>
          rowKey="id"
          loading={isFetching}
          dataSource={data ?? []}
          locale={{ emptyText: t('complaints.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          size="middle"
          scroll={{ x: 900 }}
          data-testid="complaints"
          columns={[
            {
              title: t('complaints.fields.subject'),
              key: 'subject',
              render: (_, c) => (
                <Flex vertical>
                  <Link to={`/workspace/complaints/${c.id}`}>{c.subjectTitle}</Link>
                  <Typography.Text type="secondary">
                    {t(`complaints.targets.${c.targetKind}`)} · {c.subjectCode}
                  </Typography.Text>
                </Flex>
              ),
            },
            { title: t('complaints.fields.complainant'), dataIndex: 'complainantName', width: 200 },
            { title: t('complaints.fields.respondent'), dataIndex: 'respondentName', width: 200 },
            {
              title: t('complaints.fields.status'),
              key: 'status',
              width: 180,
              render: (_, c) => (
                <Space size={4} wrap>
                  <ComplaintStatusTag status={c.status} />
                  {c.suspended && <Tag color="orange">{t('complaints.suspended')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('complaints.fields.decideBy'),
              key: 'decideBy',
              width: 170,
              render: (_, c) => (
                <Space size={4} wrap>
                  {formatDateTime(c.decideBy, false)}
                  {c.overdue && <Tag color="red">{t('complaints.overdue')}</Tag>}
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
