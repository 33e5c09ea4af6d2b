import type { ReactNode } from 'react';
import { Badge, Button, Flex, Layout, Menu, Typography } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BellOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  LogoutOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useNotifications, useSignOut } from '../../api/hooks';
import { canOpen, navigationFor, selectedNavKey, type NavKey } from '../../nav';
import { Brand } from '../../components/Brand';
import { SanctionBanner } from '../../components/SanctionBanner';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useRoleLabel } from '../../components/labels';
import { useCurrentSession } from './session';

const icons: Record<NavKey, ReactNode> = {
  home: <DashboardOutlined />,
  reviews: <AuditOutlined />,
  agencies: <ShopOutlined />,
  catalogItems: <UnorderedListOutlined />,
  qualificationTypes: <SafetyCertificateOutlined />,
  application: <FileDoneOutlined />,
  notifications: <BellOutlined />,
  organisations: <ApartmentOutlined />,
  myOrganisation: <BankOutlined />,
  account: <UserOutlined />,
};

export function WorkspaceLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { user, organisation } = useCurrentSession();
  const location = useLocation();
  const signOut = useSignOut();
  const roleLabel = useRoleLabel();
  const selected = selectedNavKey(user.role, location.pathname);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 24, borderBottom: '1px solid #e5e8ef' }}
      >
        <div style={{ flex: '0 1 auto', minWidth: 0 }}>
          <Brand compact />
        </div>
        <Flex align="center" gap={12} style={{ marginInlineStart: 'auto', minWidth: 0 }}>
          <Flex vertical style={{ lineHeight: 1.3, textAlign: 'end', minWidth: 0 }} data-testid="current-user">
            <Typography.Text strong ellipsis>
              {user.displayName} · {roleLabel(user.role)}
            </Typography.Text>
            <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }} data-testid="current-organisation">
              {organisation.name}
            </Typography.Text>
          </Flex>
          {canOpen(user.role, 'notifications') && <NotificationBell />}
          <LanguageSwitch />
          <Button
            icon={<LogoutOutlined />}
            loading={signOut.isPending}
            data-testid="signout"
            onClick={() => signOut.mutate()}
          >
            {t('common.signOut')}
          </Button>
        </Flex>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={220} breakpoint="lg" collapsedWidth={0} style={{ borderInlineEnd: '1px solid #e5e8ef' }}>
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            style={{ borderInlineEnd: 0, paddingTop: 8 }}
            data-testid="workspace-menu"
            items={navigationFor(user.role).map((item) => ({
              key: item.key,
              icon: icons[item.key],
              label: (
                <Link to={item.path} data-testid={`nav-${item.key}`}>
                  {t(item.labelKey)}
                </Link>
              ),
            }))}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          <div style={{ maxWidth: 1200, margin: '0 auto' }}>
            <SanctionBanner />
            {children}
          </div>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** The bell in the header, with the number of unread notifications. */
function NotificationBell() {
  const { t } = useTranslation();
  const { data } = useNotifications();
  const unread = (data ?? []).filter((n) => !n.readAt).length;
  return (
    <Link to="/workspace/notifications" aria-label={t('nav.notifications')} data-testid="notification-bell">
      <Badge count={unread} size="small" data-testid="notification-count">
        <BellOutlined style={{ fontSize: 18, color: '#1f2a44' }} />
      </Badge>
    </Link>
  );
}
