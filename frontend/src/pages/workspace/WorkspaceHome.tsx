import { Alert, Avatar, Card, Col, Descriptions, Flex, Row, Typography } from 'antd';
import { RightOutlined, UserOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { navigationFor } from '../../nav';
import { isRole } from '../../lib/roles';
import { KindTag, OrganisationStatusTag, useRoleLabel } from '../../components/labels';
import { useCurrentSession } from './session';

/** The landing page after sign-in: who you are, and where to go from here. */
export function WorkspaceHome() {
  const { t } = useTranslation();
  const { user, organisation } = useCurrentSession();
  const roleLabel = useRoleLabel();
  const pending = organisation.kind === 'agency' && organisation.status === 'pending_review';
  const shortcuts = navigationFor(user.role).filter((item) => item.key !== 'home');

  return (
    <Flex vertical gap={16}>
      {pending && (
        <Alert
          type="warning"
          showIcon
          message={t('workspace.pendingTitle')}
          description={t('workspace.pendingBody')}
          data-testid="pending-review"
        />
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
