import { Flex, Layout, Typography } from 'antd';
import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/hooks';
import { Brand } from './Brand';
import { LanguageSwitch } from './LanguageSwitch';
import { ButtonLink } from './ButtonLink';

/** Header and footer of the public pages: portal, sign-in, agency sign-up. */
export function PublicLayout() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 10,
          borderBottom: '1px solid #e5e8ef',
          paddingInline: 24,
        }}
      >
        <Flex
          align="center"
          justify="space-between"
          gap={16}
          style={{ maxWidth: 1200, margin: '0 auto', height: '100%' }}
        >
          <Brand />
          <Flex align="center" gap={8} component="nav">
            <ButtonLink to="/directory" type="text" data-testid="nav-directory">
              {t('publicNav.directory')}
            </ButtonLink>
            <LanguageSwitch />
            {session ? (
              <ButtonLink to="/workspace" type="primary" data-testid="enter-workspace">
                {t('common.enterWorkspace')}
              </ButtonLink>
            ) : (
              <>
                <ButtonLink to="/signup/agency" type="link" data-testid="agency-signup-link">
                  {t('common.agencySignUp')}
                </ButtonLink>
                <ButtonLink to="/signin" type="primary" data-testid="signin-link">
                  {t('common.signIn')}
                </ButtonLink>
              </>
            )}
          </Flex>
        </Flex>
      </Layout.Header>
      <Layout.Content>
        <Outlet />
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', background: '#1f2a44' }}>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.75)' }}>{t('app.footer')}</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
