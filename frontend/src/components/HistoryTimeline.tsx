import { Empty, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Application, ReviewEvent } from '../api/client';
import { formatDateTime } from '../lib/datetime';
import { useBilingual } from './agency';

const colours: Record<string, string> = { submitted: 'blue', approved: 'green', rejected: 'red' };

/** Names the subject of an event from the application it belongs to. */
export function useSubjectName(app: Pick<Application, 'qualifications' | 'listings'>) {
  const { t } = useTranslation();
  const pick = useBilingual();
  return (subject: ReviewEvent['subject'], subjectId: number): string => {
    if (subject === 'qualification') {
      const q = app.qualifications?.find((x) => x.id === subjectId);
      return q
        ? `${t('subjects.qualification')} · ${pick(q.typeNameZh, q.typeNameEn)} ${q.certificateNo}`
        : `${t('subjects.qualification')} #${subjectId}`;
    }
    if (subject === 'listing') {
      const l = app.listings?.find((x) => x.id === subjectId);
      return l
        ? `${t('subjects.listing')} · ${l.itemCode} ${pick(l.itemNameZh, l.itemNameEn)}`
        : `${t('subjects.listing')} #${subjectId}`;
    }
    return t('subjects.profile');
  };
}

/** Every submission and decision on an application, newest first; rejection reasons stand out. */
export function HistoryTimeline({ app }: { app: Pick<Application, 'history' | 'qualifications' | 'listings'> }) {
  const { t } = useTranslation();
  const subjectName = useSubjectName(app);
  const events = app.history ?? [];
  if (events.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('application.noHistory')} />;
  return (
    <Timeline
      data-testid="review-history"
      items={events.map((e) => ({
        key: e.id,
        color: colours[e.action] ?? 'gray',
        children: (
          <div data-testid={`history-${e.action}`}>
            <Typography.Text strong>
              {subjectName(e.subject, e.subjectId)} · {t(`historyActions.${e.action}`)}
            </Typography.Text>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time> · {e.actorName} · {e.actorOrganisation}
            </Typography.Text>
            {e.reason && (
              <Typography.Paragraph
                type={e.action === 'rejected' ? 'danger' : undefined}
                strong={e.action === 'rejected'}
                style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}
              >
                {e.action === 'rejected' ? t('application.rejectionReason', { reason: e.reason }) : e.reason}
              </Typography.Paragraph>
            )}
          </div>
        ),
      }))}
    />
  );
}
