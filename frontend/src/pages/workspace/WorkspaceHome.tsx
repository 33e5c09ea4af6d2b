import { Alert, Avatar, Card, Col, Descriptions, Flex, Row, Typography } from 'antd';
import { RightOutlined, UserOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { navigationFor } from '../../nav';
import { isRole } from '../../lib/roles';
import { KindTag, OrganisationStatusTag, useRoleLabel } from '../../components/labels';
import { ButtonLink } from '../../components/ButtonLink';
import { useApplication } from '../../api/hooks';
import { rejectionReason } from '../../lib/application';
import { canOpen } from '../../nav';
import { useCurrentSession } from './session';

/** The landing page after sign-in: who you are, and where to go from here. */
export function WorkspaceHome() {
  const { t } = useTranslation();
  const { user, organisation } = useCurrentSession();
  const roleLabel = useRoleLabel();
  const shortcuts = navigationFor(user.role).filter((item) => item.key !== 'home');

  return (
    <Flex vertical gap={16}>
      {canOpen(user.role, 'application') && (
        <ApplicationStatus orgId={organisation.id} pending={organisation.status === 'pending_review'} />
      )}
      <Card data-testid="welcome-card">
        <Flex gap={16} align="center" style={{ marginBottom: 16 }}>
          <Avatar size={48} icon={<UserOutlined />} style={{ background: '#1f4e9e' }} />
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('workspace.welcome', { name: user.displayName })}
            </Typography.Title>
            {isRole(user.role) && (
              <Typography.Text type="secondary">{t(`workspace.intro.${user.role}`)}</Typography.Text>
            )}
          </div>
        </Flex>
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
          <Descriptions.Item label={t('workspace.name')}>{user.displayName}</Descriptions.Item>
          <Descriptions.Item label={t('workspace.username')}>{user.username}</Descriptions.Item>
          <Descriptions.Item label={t('workspace.role')}>
            <span data-testid="welcome-role">{roleLabel(user.role)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('workspace.organisation')}>{organisation.name}</Descriptions.Item>
          <Descriptions.Item label={t('workspace.organisationKind')}>
            <KindTag kind={organisation.kind} />
          </Descriptions.Item>
          <Descriptions.Item label={t('workspace.organisationStatus')}>
            <OrganisationStatusTag status={organisation.status} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
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
