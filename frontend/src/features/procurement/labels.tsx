import { useEffect, useState } from 'react';
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../lib/money';
import type { AnnouncementStatus, Method, PlannedService, Stage } from './api';

const statusColors: Record<AnnouncementStatus, string> = {
  draft: 'default',
  open: 'processing',
  closed: 'warning',
  failed: 'error',
  in_publicity: 'purple',
  awarded: 'success',
  cancelled: 'default',
};

export function StatusTag({ status }: { status: AnnouncementStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColors[status]} data-testid="announcement-status">
      {t(`procurement.statuses.${status}`)}
    </Tag>
  );
}

const stateColors: Record<PlannedService['state'], string> = { to_buy: 'default', open: 'processing', done: 'success' };

export function ServiceStateTag({ state }: { state: PlannedService['state'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={stateColors[state]} data-testid="service-state">
      {t(`procurement.serviceStates.${state}`)}
    </Tag>
  );
}

export function useMethodLabel(): (m: Method) => string {
  const { t } = useTranslation();
  return (m) => t(`procurement.methods.${m}`);
}

export function useStageLabel(): (s: Stage) => string {
  const { t } = useTranslation();
  return (s) => t(`procurement.stages.${s}`);
}

/** An amount of money given in fen, shown in yuan. */
export function Money({ fen }: { fen: number }) {
  const { t } = useTranslation();
  return <span style={{ whiteSpace: 'nowrap' }}>{t('procurement.yuan', { amount: formatFen(fen) })}</span>;
}

/** The parts of the time left until a deadline, or null once it has passed. */
export function timeLeft(deadline: string, now: number): { d: number; h: number; m: number; s: number } | null {
  const ms = new Date(deadline).getTime() - now;
  if (!(ms > 0)) return null;
  const total = Math.floor(ms / 1000);
  return {
    d: Math.floor(total / 86400),
    h: Math.floor((total % 86400) / 3600),
    m: Math.floor((total % 3600) / 60),
    s: total % 60,
  };
}

/**
 * A live countdown to the registration deadline. It counts from the marketplace clock's time
 * when the page was answered (serverNow), moved on by the browser's own clock since, so a
 * visitor whose computer is wrong still sees the marketplace's countdown.
 */
export function Countdown({ deadline, serverNow }: { deadline: string; serverNow?: string }) {
  const { t } = useTranslation();
  const [offset] = useState(() => (serverNow ? new Date(serverNow).getTime() - Date.now() : 0));
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now() + offset), 1000);
    return () => window.clearInterval(timer);
  }, [offset]);
  const left = timeLeft(deadline, now);
  return (
    <Typography.Text strong data-testid="countdown" type={left ? undefined : 'secondary'}>
      {left
        ? `${t('procurement.countdown.label')} ${t('procurement.countdown.remaining', left)}`
        : t('procurement.countdown.ended')}
    </Typography.Text>
  );
}
