import { Card, Empty, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../components/agency';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/datetime';
import { useWorkdayChanges, type WorkdayChange } from './api';

const colours: Record<WorkdayChange['action'], string> = { add: 'green', change: 'blue', remove: 'red' };

/** 变更记录: who added, changed or removed which day of the year's calendar, and when. */
export function WorkdayChangesCard({ year }: { year: number }) {
  const { t } = useTranslation();
  const name = useLocalName();
  const { data, error, refetch } = useWorkdayChanges(year, true);
  const changes = data?.items ?? [];
  const describe = (c: WorkdayChange) => {
    const before = c.before ? `${t(`workdays.kinds.${c.before.kind}`)} ${name(c.before)}` : '';
    const after = c.after ? `${t(`workdays.kinds.${c.after.kind}`)} ${name(c.after)}` : '';
    return before && after ? `${before} → ${after}` : before || after;
  };
  return (
    <Card title={t('workdays.changes')} data-testid="workday-changes">
      {error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : changes.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workdays.noChanges')} />
      ) : (
        <Timeline
          items={changes.map((c) => ({
            key: c.id,
            color: colours[c.action],
            children: (
              <div data-testid={`workday-change-${c.action}-${c.date}`}>
                <Typography.Text strong>
                  {c.date} · {t(`workdays.actions.${c.action}`)}
                </Typography.Text>
                <div>{describe(c)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  <time dateTime={c.changedAt}>{formatDateTime(c.changedAt)}</time> · {c.changedByName}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
