import type { ReactNode } from 'react';
import { Alert, Badge, Button, Card, Descriptions, Flex, Skeleton, Steps, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useApplication } from '../../../api/hooks';
import type { Application } from '../../../api/client';
import { GlobalOutlined } from '@ant-design/icons';
import { ReviewStatusTag } from '../../../components/agency';
import { ButtonLink } from '../../../components/ButtonLink';
import { DateTime } from '../../../components/labels';
import { HistoryTimeline, useSubjectName } from '../../../components/HistoryTimeline';
import { QueryError } from '../../../components/QueryError';
import { useRegionLabel } from '../../../components/regions';
import { pendingSubmission, rejectionReason } from '../../../lib/application';
import { useCurrentSession } from '../session';
import { ProfileStep } from './ProfileStep';
import { QualificationsStep } from './QualificationsStep';
import { PractitionersStep } from './PractitionersStep';
import { ListingsStep } from './ListingsStep';
import { SubmitStep } from './SubmitStep';

const steps = ['profile', 'qualifications', 'practitioners', 'listings', 'submit'] as const;
type Step = (typeof steps)[number];

/** 入驻申请: the agency's application as a wizard, with its status and review history. */
export function ApplicationPage() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const orgId = session.organisation.id;
  const { data: app, error, isPending, refetch } = useApplication(orgId);
  const [params, setParams] = useSearchParams();
  const step: Step = (steps as readonly string[]).includes(params.get('step') ?? '')
    ? (params.get('step') as Step)
    : 'profile';
  const go = (s: Step) => setParams({ step: s }, { replace: true });

  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (isPending) return <Skeleton active />;

  const index = steps.indexOf(step);
  const content: Record<Step, ReactNode> = {
    profile: <ProfileStep app={app} />,
    qualifications: <QualificationsStep app={app} />,
    practitioners: <PractitionersStep app={app} />,
    listings: <ListingsStep app={app} />,
    submit: <SubmitStep app={app} />,
  };

  return (
    <Flex vertical gap={16} data-testid="application-page">
      <ApplicationHeader app={app} />
      <StatusAlerts app={app} />
      <Card>
        <Steps
          current={index}
          onChange={(i) => go(steps[i])}
          size="small"
          data-testid="application-steps"
          // Every step can be revisited; a step is marked only for what was returned in it.
          items={steps.map((s, i) => ({
            title: t(`application.steps.${s}`),
            description: <StepState app={app} step={s} />,
            status: i === index ? 'process' : stepReturned(app, s) ? 'error' : 'wait',
          }))}
          style={{ marginBottom: 24 }}
        />
        <div data-testid={`application-step-${step}`}>{content[step]}</div>
        <Flex justify="space-between" style={{ marginTop: 24 }}>
          <Button disabled={index === 0} onClick={() => go(steps[index - 1])} data-testid="step-previous">
            {t('common.previous')}
          </Button>
          {index < steps.length - 1 && (
            <Button type="primary" ghost onClick={() => go(steps[index + 1])} data-testid="step-next">
              {t('common.next')}
            </Button>
          )}
        </Flex>
      </Card>
      <Card title={t('application.history')}>
        <HistoryTimeline app={app} />
      </Card>
    </Flex>
  );
}

function ApplicationHeader({ app }: { app: Application }) {
  const { t } = useTranslation();
  const regionLabel = useRegionLabel();
  const { organisation: org, profile } = app;
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('application.title')}
        </Typography.Title>
      }
      extra={
        <Flex wrap align="center" justify="end" gap={8}>
          <ReviewStatusTag status={profile.status} />
          {/* Once approved the agency is in the public directory; it can see what the public sees. */}
          {org.status === 'active' && (
            <ButtonLink
              to={`/directory/${org.id}`}
              type="link"
              icon={<GlobalOutlined />}
              style={{ paddingInline: 0 }}
              data-testid="public-profile-link"
            >
              {t('site.publicProfile')}
            </ButtonLink>
          )}
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{t('application.lead')}</Typography.Paragraph>
      <Descriptions column={{ xs: 1, md: 3 }} size="small">
        <Descriptions.Item label={t('application.organisationName')}>{org.name}</Descriptions.Item>
        <Descriptions.Item label={t('application.creditCode')}>
          <Typography.Text code>{org.creditCode}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('application.region')}>{regionLabel(org.regionCode)}</Descriptions.Item>
        <Descriptions.Item label={t('application.status')}>
          <span data-testid="application-status">
            <ReviewStatusTag status={profile.status} />
          </span>
        </Descriptions.Item>
        {profile.submittedAt && (
          <Descriptions.Item label={t('application.submittedAt')}>
            <DateTime value={profile.submittedAt} />
          </Descriptions.Item>
        )}
        {profile.decidedAt && (
          <Descriptions.Item label={t('application.decidedAt')}>
            <DateTime value={profile.decidedAt} />
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

/** Rejections first and in red: the agency must see why, and what to correct. */
function StatusAlerts({ app }: { app: Application }) {
  const { t } = useTranslation();
  const subjectName = useSubjectName(app);
  const rejections: { key: string; subject: string; reason: string }[] = [];
  const profileReason = rejectionReason(app.history, 'profile', app.organisation.id, app.profile.status);
  if (profileReason)
    rejections.push({ key: 'profile', subject: subjectName('profile', app.organisation.id), reason: profileReason });
  for (const q of app.qualifications ?? []) {
    const reason = rejectionReason(app.history, 'qualification', q.id, q.status);
    if (reason) rejections.push({ key: `q${q.id}`, subject: subjectName('qualification', q.id), reason });
  }
  for (const l of app.listings ?? []) {
    const reason = rejectionReason(app.history, 'listing', l.id, l.pendingStatus);
    if (reason) rejections.push({ key: `l${l.id}`, subject: subjectName('listing', l.id), reason });
  }
  return (
    <>
      {rejections.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="rejection-alert"
          message={<Typography.Text strong>{t('application.rejectionsTitle')}</Typography.Text>}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {rejections.map((r) => (
                <li key={r.key}>
                  <Typography.Text strong>{r.subject}</Typography.Text>
                  <br />
                  <Typography.Text data-testid="rejection-reason">
                    {t('application.rejectionReason', { reason: r.reason })}
                  </Typography.Text>
                </li>
              ))}
            </ul>
          }
        />
      )}
      {app.profile.status === 'submitted' && (
        <Alert
          type="info"
          showIcon
          message={t('application.underReviewTitle')}
          description={t('application.underReviewBody')}
          data-testid="under-review-alert"
        />
      )}
      {app.profile.status === 'approved' && (
        <Alert
          type="success"
          showIcon
          message={t('application.approvedTitle')}
          description={t('application.approvedBody')}
          data-testid="approved-alert"
        />
      )}
    </>
  );
}

/** Whether the reviewer returned something that is edited in this step. */
function stepReturned(app: Application, step: Step): boolean {
  switch (step) {
    case 'profile':
      return app.profile.status === 'rejected';
    case 'qualifications':
      return (app.qualifications ?? []).some((q) => q.status === 'rejected');
    case 'listings':
      return (app.listings ?? []).some((l) => l.pendingStatus === 'rejected');
    default:
      return false;
  }
}

/** Under each step: how many entries and whether something there waits or was returned. */
function StepState({ app, step }: { app: Application; step: Step }) {
  const { t } = useTranslation();
  const count = (n: number) => t('application.stepCount', { count: n });
  const flag = (statuses: (string | undefined)[]) =>
    statuses.includes('rejected')
      ? 'rejected'
      : statuses.includes('submitted')
        ? 'submitted'
        : statuses.includes('draft')
          ? 'draft'
          : undefined;
  const dot = (status: string | undefined): ReactNode =>
    status && (
      <Badge
        status={status === 'rejected' ? 'error' : status === 'submitted' ? 'processing' : 'default'}
        text={t(`reviewStatus.${status as 'draft' | 'submitted' | 'rejected'}`)}
      />
    );
  switch (step) {
    case 'profile':
      return <ReviewStatusTag status={app.profile.status} />;
    case 'qualifications': {
      const quals = app.qualifications ?? [];
      return (
        <span>
          {count(quals.length)} {dot(flag(quals.map((q) => q.status)))}
        </span>
      );
    }
    case 'practitioners':
      return <span>{count(app.practitioners?.length ?? 0)}</span>;
    case 'listings': {
      const listings = app.listings ?? [];
      return (
        <span>
          {count(listings.length)} {dot(flag(listings.map((l) => l.pendingStatus)))}
        </span>
      );
    }
    case 'submit': {
      const s = pendingSubmission(app);
      const n = (s.profile ? 1 : 0) + s.qualifications + s.listings;
      return n > 0 ? <Badge count={n} color="#1f4e9e" /> : null;
    }
  }
}
