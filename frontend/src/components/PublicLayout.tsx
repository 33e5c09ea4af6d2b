import { useEffect, useState } from 'react';
import { Button, Drawer, Flex, Layout } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/hooks';
import { useNarrow } from '../lib/useNarrow';
import { usePageTitle } from '../lib/usePageTitle';
import { Brand } from './Brand';
import { LanguageSwitch } from './LanguageSwitch';
import { LargeTextSwitch } from './LargeTextSwitch';
import { ButtonLink } from './ButtonLink';
import { SiteFooter } from './SiteFooter';
import { TrainingClockBanner } from '../features/trainingclock/TrainingClockBanner';

/** Header and footer of the public pages: portal, sign-in, agency sign-up. */
export function PublicLayout() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const narrow = useNarrow();
  const location = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);
  usePageTitle(usePublicTitle(location.pathname));
  useEffect(() => setDrawerOpen(false), [location.pathname]);

  const directory = (
    <ButtonLink to="/directory" type="text" data-testid="nav-directory">
      {t('publicNav.directory')}
    </ButtonLink>
  );
  const notices = (
    <ButtonLink to="/notices" type="text" data-testid="nav-notices">
      {t('publicNav.notices')}
    </ButtonLink>
  );
  const verify = (
    <ButtonLink to="/verify" type="text" data-testid="nav-verify">
      {t('publicNav.verify')}
    </ButtonLink>
  );
  const signUp = (
    <ButtonLink to="/signup/agency" type="link" data-testid="agency-signup-link">
      {t('common.agencySignUp')}
    </ButtonLink>
  );
  const primary = session ? (
    <ButtonLink to="/workspace" type="primary" data-testid="enter-workspace">
      {t('common.enterWorkspace')}
    </ButtonLink>
  ) : (
    <ButtonLink to="/signin" type="primary" data-testid="signin-link">
      {t('common.signIn')}
    </ButtonLink>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <TrainingClockBanner />
      <Layout.Header
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 10,
          borderBottom: '1px solid #e5e8ef',
          paddingInline: narrow ? 12 : 24,
        }}
      >
        <Flex
          align="center"
          justify="space-between"
          gap={narrow ? 8 : 16}
          style={{ maxWidth: 1200, margin: '0 auto', height: '100%' }}
        >
          <div style={{ minWidth: 0 }}>
            <Brand compact={narrow} />
          </div>
          {narrow ? (
            <Flex align="center" gap={4} style={{ flex: 'none' }}>
              {primary}
              <Button
                type="text"
                icon={<MenuOutlined />}
                aria-label={t('site.openMenu')}
                aria-expanded={drawerOpen}
                data-testid="open-menu"
                onClick={() => setDrawerOpen(true)}
              />
            </Flex>
          ) : (
            <Flex align="center" gap={8} component="nav" aria-label={t('site.menu')}>
              {notices}
              {directory}
              {verify}
              <LargeTextSwitch />
              <LanguageSwitch />
              {!session && signUp}
              {primary}
            </Flex>
          )}
        </Flex>
      </Layout.Header>
      <Layout.Content>
        <Outlet />
      </Layout.Content>
      <SiteFooter />
      {narrow && (
        <Drawer
          placement="right"
          width={280}
          title={t('site.menu')}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          data-testid="menu-drawer"
        >
          <Flex vertical align="start" gap={12} component="nav" aria-label={t('site.menu')}>
            {notices}
            {directory}
            {verify}
            {!session && signUp}
            <LargeTextSwitch />
            <LanguageSwitch />
          </Flex>
        </Drawer>
      )}
    </Layout>
  );
}

/** The tab title of a public page, from its path; null where the page names itself. */
function usePublicTitle(pathname: string): string | null | undefined {
  const { t } = useTranslation();
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return undefined;
  if (path === '/signin') return t('signin.title');
  if (path === '/signup/agency') return t('signup.title');
  if (path === '/directory') return t('directory.title');
  if (/^\/directory\/\d+$/.test(path)) return null;
  if (path === '/notices') return t('procurement.notices.title');
  if (path.startsWith('/notices/')) return null;
  if (path === '/verify') return t('verify.title');
  if (path.startsWith('/verify/c/')) return null;
  if (path === '/open-data') return t('opendata.title');
  if (path === '/complaints') return t('complaints.public.title');
  return t('notFound.title');
}
