import { Flex, Layout, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSiteInfo } from '../api/hooks';

const text = { color: 'rgba(255,255,255,0.85)' };

/**
 * The footer every government site carries: the sponsoring unit (主办单位), a contact and the
 * ICP and public-security filing numbers, each linked to its registry. The operator configures
 * them (INTERMART_SITE_*); unset filing numbers are not shown.
 */
export function SiteFooter() {
  const { t } = useTranslation();
  const { data: site } = useSiteInfo();
  return (
    <Layout.Footer style={{ background: '#1f2a44', paddingInline: 16 }} data-testid="site-footer">
      <Flex vertical align="center" gap={4} style={{ maxWidth: 1200, margin: '0 auto', textAlign: 'center' }}>
        <Typography.Text style={text}>{t('app.footer')}</Typography.Text>
        <Link to="/open-data" style={text} data-testid="site-open-data">
          {t('opendata.footerLink')}
        </Link>
        <Link to="/complaints" style={text} data-testid="footer-complaints">
          {t('complaints.public.title')}
        </Link>
        <Flex wrap justify="center" gap="4px 16px">
          <Typography.Text style={text} data-testid="site-sponsor">
            {t('site.sponsorLine', { name: site?.sponsor || t('site.defaultSponsor') })}
          </Typography.Text>
          <Typography.Text style={text} data-testid="site-contact">
            {t('site.contactLine', { contact: site?.contact || t('site.defaultContact') })}
          </Typography.Text>
        </Flex>
        {(site?.icp || site?.psb) && (
          <Flex wrap justify="center" gap="4px 16px">
            {site.icp && (
              <a href="https://beian.miit.gov.cn/" target="_blank" rel="noreferrer" style={text} data-testid="site-icp">
                {site.icp}
              </a>
            )}
            {site.psb && (
              <a href="https://beian.mps.gov.cn/" target="_blank" rel="noreferrer" style={text} data-testid="site-psb">
                {site.psb}
              </a>
            )}
          </Flex>
        )}
      </Flex>
    </Layout.Footer>
  );
}
