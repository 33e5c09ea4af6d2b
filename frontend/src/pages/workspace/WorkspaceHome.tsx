import { Alert, Card, Col, Flex, Row, Statistic, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { navigationFor } from '../../nav';
import { useRoleLabel } from '../../components/labels';
import { ReviewStatusTag } from '../../components/agency';
import { QueryError } from '../../components/QueryError';
import { ButtonLink } from '../../components/ButtonLink';
import { useApplication, useTodo } from '../../api/hooks';
import { rejectionReason } from '../../lib/application';
import { canOpen } from '../../nav';
import { useCurrentSession } from './session';
import { todoLinks } from './todo';
import { useTrainingClockOn } from '../../features/trainingclock/api';

/**
 * The landing page after sign-in: a to-do board of the user's queues, each count linking to
 * the list it counts, then shortcuts to the rest of the workspace.
 */
export function WorkspaceHome() {
  const { t } = useTranslation();
  const { user, organisation } = useCurrentSession();
  const trainingClockOn = useTrainingClockOn();
  const roleLabel = useRoleLabel();
  const shortcuts = navigationFor(user.role, trainingClockOn).filter((item) => item.key !== 'home');

  return (
    <Flex vertical gap={16}>
      {canOpen(user.role, 'application') && (
        <ApplicationStatus orgId={organisation.id} pending={organisation.status === 'pending_review'} />
      )}
      <div data-testid="welcome-card">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('workspace.welcome', { name: user.displayName })}
        </Typography.Title>
        <Typography.Text type="secondary">
          <span data-testid="welcome-role">{roleLabel(user.role)}</span> · {organisation.name}
        </Typography.Text>
      </div>
      <TodoBoard />
      <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
        {t('workspace.quickLinks')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {shortcuts.map((item) => (
          <Col key={item.key} xs={24} sm={12} lg={8}>
            <Link to={item.path}>
              <Card hoverable size="small">
                <Flex justify="space-between" align="center">
                  <Typography.Text strong>{t(item.labelKey)}</Typography.Text>
                  <RightOutlined />
                </Flex>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </Flex>
  );
}

/** 待办事项: a count per queue, from the server, each linking to that queue with its filter. */
function TodoBoard() {
  const { t } = useTranslation();
  const { data, error, isPending, refetch } = useTodo();
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  const tasks = data?.tasks ?? [];
  const waiting = tasks.some((task) => task.count > 0);
  return (
    <Card
      loading={isPending}
      data-testid="todo-board"
      title={
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('todo.title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph type="secondary">{waiting ? t('todo.lead') : t('todo.nothing')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {data?.applicationStatus && (
          <Col xs={24} sm={12} lg={6}>
            <Link to="/workspace/application" data-testid="todo-applicationStatus">
              <Card hoverable size="small">
                <Typography.Text type="secondary">{t('todo.applicationStatus')}</Typography.Text>
                <div style={{ marginTop: 8 }}>
                  <ReviewStatusTag status={data.applicationStatus} />
                </div>
              </Card>
            </Link>
          </Col>
        )}
        {tasks.map((task) => (
          // Two a row on a phone: the board is counts, and a column of a dozen cards hid the
          // shortcuts below it.
          <Col key={task.key} xs={12} lg={6}>
            <Link
              to={todoLinks[task.key]}
              data-testid={`todo-${task.key}`}
              style={{ display: 'block', height: '100%' }}
            >
              <Card hoverable size="small" style={{ height: '100%' }}>
                <Statistic
                  title={t(`todo.tasks.${task.key}`)}
                  value={task.count}
                  valueStyle={{ color: task.count > 0 ? '#1f4e9e' : undefined }}
                  valueRender={(node) => <span data-testid={`todo-count-${task.key}`}>{node}</span>}
                />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

/**
 * Where the agency's application stands, with a link to it: to complete, under review, or
 * returned with the reviewer's reason. An approved agency sees nothing here.
 */
function ApplicationStatus({ orgId, pending }: { orgId: number; pending: boolean }) {
  const { t } = useTranslation();
  const { data: app } = useApplication(orgId);
  if (!app) return null;
  const status = app.profile.status;
  if (status === 'approved' && !pending) return null;
  const link = (label: string) => (
    <ButtonLink to="/workspace/application" type="primary" data-testid="open-application">
      {label}
    </ButtonLink>
  );
  if (status === 'submitted')
    return (
      <Alert
        type="info"
        showIcon
        message={t('workspace.pendingTitle')}
        description={t('workspace.pendingBody')}
        action={link(t('workspace.applicationStatus.view'))}
        data-testid="pending-review"
      />
    );
  if (status === 'rejected') {
    const reason = rejectionReason(app.history, 'profile', orgId, status);
    return (
      <Alert
        type="error"
        showIcon
        message={t('workspace.applicationStatus.rejectedTitle')}
        description={
          <>
            {reason && (
              <Typography.Paragraph strong>{t('application.rejectionReason', { reason })}</Typography.Paragraph>
            )}
            {t('workspace.applicationStatus.rejectedBody')}
          </>
        }
        action={link(t('workspace.applicationStatus.open'))}
        data-testid="pending-review"
      />
    );
  }
  return (
    <Alert
      type="warning"
      showIcon
      message={t('workspace.applicationStatus.draftTitle')}
      description={t('workspace.applicationStatus.draftBody')}
      action={link(t('workspace.applicationStatus.open'))}
      data-testid="pending-review"
    />
  );
}
