import { useEffect, useState, type ReactNode } from 'react';
import { Badge, Breadcrumb, Button, Drawer, Flex, Layout, Menu, Typography } from 'antd';
import {
  ApartmentOutlined,
  AreaChartOutlined,
  BarChartOutlined,
  FlagOutlined,
  ExclamationCircleOutlined,
  AuditOutlined,
  BankOutlined,
  ControlOutlined,
  BellOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  FormOutlined,
  LogoutOutlined,
  MenuOutlined,
  NotificationOutlined,
  ProjectOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  UnorderedListOutlined,
  UserOutlined,
  WarningOutlined,
  AlertOutlined,
  SlidersOutlined,
} from '@ant-design/icons';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useNotifications, useSignOut } from '../../api/hooks';
import { canOpen, navigationFor, selectedNavKey, type NavKey } from '../../nav';
import { Brand } from '../../components/Brand';
import { SanctionBanner } from '../../components/SanctionBanner';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { LargeTextSwitch } from '../../components/LargeTextSwitch';
import { SiteFooter } from '../../components/SiteFooter';
import { useNarrow } from '../../lib/useNarrow';
import { workspaceCrumbs } from '../../lib/breadcrumbs';
import { usePageTitle } from '../../lib/usePageTitle';
import { useRoleLabel } from '../../components/labels';
import { useCurrentSession } from './session';
import { TrainingClockBanner } from '../../features/trainingclock/TrainingClockBanner';
import { useTrainingClockOn } from '../../features/trainingclock/api';

const icons: Record<NavKey, ReactNode> = {
  home: <DashboardOutlined />,
  reviews: <AuditOutlined />,
  agencies: <ShopOutlined />,
  catalogItems: <UnorderedListOutlined />,
  qualificationTypes: <SafetyCertificateOutlined />,
  workdays: <CalendarOutlined />,
  trainingClock: <FieldTimeOutlined />,
  application: <FileDoneOutlined />,
  notifications: <BellOutlined />,
  opportunities: <FileSearchOutlined />,
  registrations: <FormOutlined />,
  organisations: <ApartmentOutlined />,
  myOrganisation: <BankOutlined />,
  account: <UserOutlined />,
  projects: <ProjectOutlined />,
  announcements: <NotificationOutlined />,
  rules: <ControlOutlined />,
  contracts: <FileProtectOutlined />,
  performance: <AreaChartOutlined />,
  dashboard: <BarChartOutlined />,
  redFlags: <FlagOutlined />,
  warnings: <WarningOutlined />,
  warningRules: <AlertOutlined />,
  complaints: <ExclamationCircleOutlined />,
  redFlagSettings: <SlidersOutlined />,
};

export function WorkspaceLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { user, organisation } = useCurrentSession();
  const trainingClockOn = useTrainingClockOn();
  const location = useLocation();
  const signOut = useSignOut();
  const roleLabel = useRoleLabel();
  const narrow = useNarrow();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const selected = selectedNavKey(user.role, location.pathname);
  const crumbs = workspaceCrumbs(user.role, location.pathname);
  // i18n keys of the crumbs come from nav.ts and breadcrumbs.ts, all in the dictionaries.
  const label = (key: string) => t(key as never);
  usePageTitle(label(crumbs[crumbs.length - 1].labelKey));

  // Following a link in the drawer closes it.
  useEffect(() => setDrawerOpen(false), [location.pathname]);

  const who = (
    <Flex
      vertical
      style={{ lineHeight: 1.3, textAlign: narrow ? 'start' : 'end', minWidth: 0 }}
      data-testid="current-user"
    >
      <Typography.Text strong ellipsis>
        {user.displayName} · {roleLabel(user.role)}
      </Typography.Text>
      <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }} data-testid="current-organisation">
        {organisation.name}
      </Typography.Text>
    </Flex>
  );
  const signOutButton = (
    <Button
      icon={<LogoutOutlined />}
      loading={signOut.isPending}
      data-testid="signout"
      onClick={() => signOut.mutate()}
    >
      {t('common.signOut')}
    </Button>
  );
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      style={{ borderInlineEnd: 0, paddingTop: 8 }}
      data-testid="workspace-menu"
      items={navigationFor(user.role, trainingClockOn).map((item) => ({
        key: item.key,
        icon: icons[item.key],
        label: (
          <Link to={item.path} data-testid={`nav-${item.key}`}>
            {t(item.labelKey)}
          </Link>
        ),
      }))}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <TrainingClockBanner />
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: narrow ? 8 : 16,
          paddingInline: narrow ? 12 : 24,
          borderBottom: '1px solid #e5e8ef',
        }}
      >
        {narrow && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label={t('site.openMenu')}
            aria-expanded={drawerOpen}
            data-testid="open-menu"
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <div style={{ flex: '0 1 auto', minWidth: 0 }}>
          <Brand compact />
        </div>
        <Flex align="center" gap={narrow ? 4 : 12} style={{ marginInlineStart: 'auto', minWidth: 0 }}>
          {!narrow && who}
          {canOpen(user.role, 'notifications') && <NotificationBell />}
          {!narrow && (
            <>
              <LargeTextSwitch />
              <LanguageSwitch />
              {signOutButton}
            </>
          )}
        </Flex>
      </Layout.Header>
      <Layout>
        {!narrow && (
          <Layout.Sider width={220} style={{ borderInlineEnd: '1px solid #e5e8ef' }}>
            <nav aria-label={t('site.menu')}>{menu}</nav>
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
          <div style={{ maxWidth: 1200, margin: '0 auto' }}>
            <Breadcrumb
              aria-label={t('site.breadcrumb')}
              style={{ marginBottom: 12 }}
              data-testid="breadcrumb"
              items={crumbs.map((crumb) => ({
                title: crumb.path ? <Link to={crumb.path}>{label(crumb.labelKey)}</Link> : label(crumb.labelKey),
              }))}
            />
            <SanctionBanner />
            {children}
          </div>
        </Layout.Content>
      </Layout>
      <SiteFooter />
      {narrow && (
        <Drawer
          placement="left"
          width={280}
          title={t('site.menu')}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          styles={{ body: { padding: 0, display: 'flex', flexDirection: 'column' } }}
          data-testid="menu-drawer"
        >
          <nav aria-label={t('site.menu')}>{menu}</nav>
          <Flex vertical gap={12} style={{ padding: 16, marginTop: 'auto', borderTop: '1px solid #e5e8ef' }}>
            {who}
            <Flex wrap gap={8}>
              <LargeTextSwitch />
              <LanguageSwitch />
            </Flex>
            {signOutButton}
          </Flex>
        </Drawer>
      )}
    </Layout>
  );
}

/** The bell in the header, with the number of unread notifications. */
function NotificationBell() {
  const { t } = useTranslation();
  const { data } = useNotifications();
  const unread = (data ?? []).filter((n) => !n.readAt).length;
  return (
    // The count sits half outside the bell: the padding keeps a two- or three-digit count
    // inside the header on a phone, where the bell is the last thing on the line.
    <Link
      to="/workspace/notifications"
      aria-label={t('nav.notifications')}
      data-testid="notification-bell"
      style={{ paddingInlineEnd: 10 }}
    >
      <Badge count={unread} size="small" data-testid="notification-count">
        <BellOutlined style={{ fontSize: 18, color: '#1f2a44' }} />
      </Badge>
    </Link>
  );
}
