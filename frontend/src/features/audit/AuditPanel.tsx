import { useState } from 'react';
import { Alert, Button, Card, Collapse, Empty, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/hooks';
import { QueryError } from '../../components/QueryError';
import { DateTime } from '../../components/labels';
import { can } from '../../lib/permissions';
import { useAuditTrail, type AuditEvent, type AuditKind } from './api';

const pre = { margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' } as const;

/**
 * The audit view of an announcement or contract, for those the session allows it (regulators):
 * whether its chain verifies, then every event with who acted and what changed.
 */
export function AuditPanel({ kind, id }: { kind: AuditKind; id: number }) {
  const { data: session } = useSession();
  const allowed = !!session && can(session, 'audit.getTrail');
  if (!allowed) return null;
  return <AuditTrailCard kind={kind} id={id} />;
}

function AuditTrailCard({ kind, id }: { kind: AuditKind; id: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { data, error, isPending, refetch } = useAuditTrail(kind, id, true);
  return (
    <Card title={t('audit.title')} data-testid="audit-panel">
      <Typography.Paragraph type="secondary">
        {t('audit.lead', { subject: t(`audit.subjects.${kind}`) })}
      </Typography.Paragraph>
      {error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : isPending || !data ? (
        <Card loading />
      ) : (
        <>
          {data.verified ? (
            <Alert
              type="success"
              showIcon
              data-testid="audit-verified"
              message={t('audit.verified', { count: data.events.length })}
            />
          ) : (
            <Alert
              type="error"
              showIcon
              data-testid="audit-broken"
              message={t('audit.broken', {
                seq: data.break?.seq ?? 0,
                problem: data.break ? t(`audit.problems.${data.break.problem}`) : '',
              })}
            />
          )}
          {data.events.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.empty')} />
          ) : (
            <>
              <Button type="link" style={{ paddingInline: 0, marginBlock: 8 }} onClick={() => setOpen(!open)}>
                {open ? t('audit.hide') : t('audit.show')}
              </Button>
              {open && <Events events={data.events} brokenFrom={data.break?.seq} />}
            </>
          )}
        </>
      )}
    </Card>
  );
}

function Events({ events, brokenFrom }: { events: AuditEvent[]; brokenFrom?: number }) {
  const { t } = useTranslation();
  const label = (action: string) => t(`audit.actions.${action}`, { defaultValue: action });
  return (
    <Timeline
      data-testid="audit-events"
      items={events.map((e) => ({
        key: e.seq,
        color: brokenFrom !== undefined && e.seq >= brokenFrom ? 'red' : 'green',
        children: (
          <div data-testid={`audit-event-${e.seq}`}>
            <Typography.Text strong>{label(e.action)}</Typography.Text>{' '}
            <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
              {e.action}
            </Typography.Text>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('audit.seq', { seq: e.seq })} · <DateTime value={e.at} /> ·{' '}
              {e.actorName ? `${e.actorName} · ${e.actorOrg ?? ''}` : t('audit.system')}
            </Typography.Text>
            <Collapse
              size="small"
              ghost
              items={[
                {
                  key: 'details',
                  label: t('audit.details'),
                  children: (
                    <>
                      {e.before !== undefined && e.before !== null && (
                        <>
                          <Typography.Text type="secondary">{t('audit.before')}</Typography.Text>
                          <pre style={pre}>{JSON.stringify(e.before, null, 2)}</pre>
                        </>
                      )}
                      {e.after !== undefined && e.after !== null && (
                        <>
                          <Typography.Text type="secondary">{t('audit.after')}</Typography.Text>
                          <pre style={pre}>{JSON.stringify(e.after, null, 2)}</pre>
                        </>
                      )}
                      <Typography.Text type="secondary">{t('audit.hash')}</Typography.Text>
                      <pre style={pre}>{e.hash}</pre>
                      <Typography.Text type="secondary">{t('audit.prevHash')}</Typography.Text>
                      <pre style={pre}>{e.prevHash}</pre>
                    </>
                  ),
                },
              ]}
            />
          </div>
        ),
      }))}
    />
  );
}
