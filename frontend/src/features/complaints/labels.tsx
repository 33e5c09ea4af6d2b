import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/problem';
import { errorMessage } from '../../lib/errors';
import { zh } from './i18n';
import type { ComplaintStatus } from './api';

const statusColors: Record<ComplaintStatus, string> = {
  filed: 'processing',
  accepted: 'gold',
  rejected: 'default',
  upheld: 'red',
  dismissed: 'green',
};

export function ComplaintStatusTag({ status }: { status: ComplaintStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColors[status]} data-testid="complaint-status">
      {t(`complaints.statuses.${status}`)}
    </Tag>
  );
}

type Reason = keyof typeof zh.reasons;
const isReason = (r: string | undefined): r is Reason => !!r && Object.hasOwn(zh.reasons, r);

/** A failed complaint call in words: the complaints' own reasons first, then the shared ones. */
export function complaintError(t: TFunction, error: unknown): string {
  if (isApiError(error)) {
    if (isReason(error.reason)) return t(`complaints.reasons.${error.reason}`);
    const field = (error.problem.errors ?? []).map((e) => e.reason).find(isReason);
    if (field) return t(`complaints.reasons.${field}`);
  }
  return errorMessage(t, error);
}
