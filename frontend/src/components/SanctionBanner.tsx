import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApplication } from '../api/hooks';
import { formatDateTime } from '../lib/datetime';
import { weightiest } from '../lib/sanctions';
import { canOpen } from '../nav';
import { useCurrentSession } from '../pages/workspace/session';

/**
 * On every workspace page of a suspended or blacklisted agency: which sanction, why, and until
 * when. Nothing for anyone else.
 */
export function SanctionBanner() {
  const { user, organisation } = useCurrentSession();
  if (!canOpen(user.role, 'application')) return null; // agencies only
  return <AgencySanctionBanner orgId={organisation.id} />;
}

function AgencySanctionBanner({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const { data } = useApplication(orgId);
  const sanction = weightiest(data?.sanctions ?? []);
  if (!sanction) return null;
  return (
    <Alert
      type="error"
      showIcon
      banner
      role="alert"
      style={{ marginBottom: 16 }}
      data-testid="sanction-banner"
      message={
        <Typography.Text strong>
          {t('sanctionBanner.title', { kind: t(`sanctionKinds.${sanction.kind}`) })}
        </Typography.Text>
      }
      description={
        <>
          <div>{t('sanctionBanner.reason', { reason: sanction.reason })}</div>
          <div data-testid="sanction-banner-until">
            {sanction.endsAt
              ? t('sanctionBanner.until', { until: formatDateTime(sanction.endsAt) })
              : t('sanctionBanner.indefinite')}
          </div>
          <div>{t('sanctionBanner.effect')}</div>
        </>
      }
    />
  );
}
