import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ContractRow, ContractStatus } from './api';

const statusColors: Record<ContractStatus, string> = {
  awaiting_registration: 'warning',
  pending_confirmation: 'processing',
  active: 'success',
  completed: 'default',
  terminated: 'error',
};

export function ContractStatusTag({ status }: { status: ContractStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColors[status]} data-testid="contract-status">
      {t(`contracts.statuses.${status}`)}
    </Tag>
  );
}

/** Late, flagged and overdue-payment markers of a contract. */
export function ContractMarkers({ c }: { c: ContractRow }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {c.registrationLate && <Tag color="red">{t('contracts.markers.registrationLate')}</Tag>}
      {c.late && !c.registrationLate && <Tag color="red">{t('contracts.markers.late')}</Tag>}
      {c.flagged && <Tag color="volcano">{t('contracts.markers.flagged')}</Tag>}
      {c.pendingAmendment && <Tag color="gold">{t('contracts.markers.pendingAmendment')}</Tag>}
      {c.overdueUnpaidFen > 0 && <Tag color="magenta">{t('contracts.markers.overdueUnpaid')}</Tag>}
    </Space>
  );
}

/** A date-only value as the server sends it (midnight UTC of the day). */
export function day(value: string | undefined | null): string {
  return value ? value.slice(0, 10) : '—';
}
