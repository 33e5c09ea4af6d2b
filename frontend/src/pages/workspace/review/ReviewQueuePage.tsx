import { Card, Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReviewQueue } from '../../../api/hooks';
import type { QueueEntry, ReviewQueueQuery } from '../../../api/client';
import { ItemName } from '../../../components/agency';
import { ButtonLink } from '../../../components/ButtonLink';
import { DateTime } from '../../../components/labels';
import { QueryError } from '../../../components/QueryError';
import { useUrlFilters } from '../../../lib/useUrlFilters';

/** Where a queue entry is reviewed. */
export function reviewPath(e: Pick<QueueEntry, 'subject' | 'subjectId' | 'organisationId'>): string {
  return e.subject === 'listing'
    ? `/workspace/reviews/agencies/${e.organisationId}/listings/${e.subjectId}`
    : `/workspace/reviews/agencies/${e.organisationId}`;
}

/**
 * 审核: what waits for the signed-in regulator's (or the platform admin's) decision, oldest first.
 * An entry the server offers no decision on (a listing of an agency not yet approved) is shown
 * as waiting, to be looked at but not decided.
 */
export function ReviewQueuePage() {
  const { t } = useTranslation();
  const [{ subject }, setFilter] = useUrlFilters('subject');
  const { data, error, isPending, refetch } = useReviewQueue({ subject } as ReviewQueueQuery);
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('review.queueTitle')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph type="secondary">{t('review.queueLead')}</Typography.Paragraph>
      <Select
        value={subject}
        onChange={(v) => setFilter('subject', v)}
        style={{ width: 180, marginBottom: 16 }}
        aria-label={t('reviewSubject.filter')}
        data-testid="review-subject-filter"
        options={[
          { value: '', label: t('reviewSubject.all') },
          { value: 'profile', label: t('subjects.profile') },
          { value: 'listing', label: t('subjects.listing') },
        ]}
      />
      {error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<QueueEntry>
          rowKey={(e) => `${e.subject}-${e.subjectId}`}
          loading={isPending}
          dataSource={data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          size="middle"
          scroll={{ x: 800 }}
          locale={{ emptyText: t('review.empty') }}
          data-testid="review-queue"
          columns={[
            {
              title: t('review.subject'),
              dataIndex: 'subject',
              width: 160,
              render: (s: QueueEntry['subject'], e) => (
                <>
                  <Tag color={s === 'profile' ? 'blue' : 'purple'}>{t(`subjects.${s}`)}</Tag>
                  {e.waiting && (
                    <Tag data-testid={`waiting-${e.subject}-${e.subjectId}`}>{t('review.waitingForAgency')}</Tag>
                  )}
                </>
              ),
            },
            { title: t('review.agency'), dataIndex: 'organisationName' },
            {
              title: t('review.item'),
              key: 'item',
              render: (_, e) =>
                e.itemCode ? (
                  <ItemName code={e.itemCode} nameZh={e.itemNameZh ?? ''} nameEn={e.itemNameEn ?? ''} />
                ) : null,
            },
            {
              title: t('review.submittedAt'),
              dataIndex: 'submittedAt',
              width: 160,
              render: (v: string) => <DateTime value={v} />,
            },
            {
              title: t('common.actions'),
              key: 'open',
              width: 100,
              render: (_, e) => (
                <ButtonLink
                  to={reviewPath(e)}
                  type={e.actions.length > 0 ? 'primary' : 'default'}
                  size="small"
                  data-testid={`review-${e.subject}-${e.subjectId}`}
                >
                  {e.actions.length > 0 ? t('review.open') : t('review.view')}
                </ButtonLink>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
