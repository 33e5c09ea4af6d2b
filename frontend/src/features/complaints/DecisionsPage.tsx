import { Card, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/datetime';
import { usePublicDecisions } from './api';

/** 投诉处理结果公告: the regulators' decisions in summary, public. */
export function DecisionsPage() {
  const { t } = useTranslation();
  const { data, error, isPending, refetch } = usePublicDecisions();
  return (
    <div style={{ maxWidth: 960, margin: '0 auto', padding: 16 }}>
      <Card
        title={
          <Typography.Title level={3} style={{ margin: 0, whiteSpace: 'normal' }}>
            {t('complaints.public.title')}
          </Typography.Title>
        }
      >
        <Typography.Paragraph type="secondary">{t('complaints.public.lead')}</Typography.Paragraph>
        {error ? (
          <QueryError error={error} onRetry={() => void refetch()} />
        ) : (
          <List
            loading={isPending}
            dataSource={data ?? []}
            locale={{ emptyText: t('complaints.public.empty') }}
            data-testid="complaint-decisions"
            renderItem={(d) => (
              <List.Item key={d.id}>
                <Space direction="vertical" size={4} style={{ minWidth: 0, width: '100%' }}>
                  <Space size={4} wrap>
                    <Tag color={d.decision === 'upheld' ? 'red' : 'green'}>
                      {t(`complaints.statuses.${d.decision}`)}
                    </Tag>
                    {d.selectionVoided && <Tag color="red">{t('complaints.selectionVoided')}</Tag>}
                    <Typography.Text type="secondary">
                      {t('complaints.public.decidedAt')} {formatDateTime(d.decidedAt)}
                    </Typography.Text>
                  </Space>
                  <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                    <Link to={`/notices/${encodeURIComponent(d.subjectCode)}`}>{d.subjectTitle}</Link>{' '}
                    <Typography.Text type="secondary">
                      {t(`complaints.targets.${d.targetKind}`)} · {d.subjectCode}
                    </Typography.Text>
                  </Typography.Text>
                  <Typography.Text>
                    {t('complaints.fields.respondent')}：{d.respondentName}
                  </Typography.Text>
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{d.summary}</Typography.Paragraph>
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
