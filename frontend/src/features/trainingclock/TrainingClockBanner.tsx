import { useTranslation } from 'react-i18next';
import { useSiteInfo } from '../../api/hooks';
import { formatOffset } from './offset';

/**
 * On every page, portal and workspace, of a system whose training clock is on: how far the
 * marketplace clock runs ahead of the real time, so nobody takes a training deadline for a
 * real one. Plain markup: the portal's home page loads no more of antd for it.
 */
export function TrainingClockBanner() {
  const { t } = useTranslation();
  const { data } = useSiteInfo();
  const clock = data?.trainingClock;
  if (!clock?.enabled) return null;
  const text =
    clock.offsetSeconds > 0
      ? t('trainingClock.banner', { offset: formatOffset(t, clock.offsetSeconds) })
      : t('trainingClock.bannerNoOffset');
  return (
    <div
      role="status"
      data-testid="training-clock-banner"
      style={{
        background: '#fff7e6',
        borderBottom: '1px solid #ffd591',
        color: '#873800',
        padding: '6px 12px',
        textAlign: 'center',
        fontSize: 14,
        lineHeight: 1.5,
        overflowWrap: 'anywhere',
      }}
    >
      {text}
    </div>
  );
}
