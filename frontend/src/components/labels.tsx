// Translated tags for the enumerations the server sends. An unknown value (a newer server)
// is shown as sent rather than hidden.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { organisationKinds, roles } from '../lib/roles';
import { formatDateTime } from '../lib/datetime';

const kindColours: Record<string, string> = {
  platform: 'purple',
  regulator: 'volcano',
  owner: 'blue',
  agency: 'cyan',
};

export function useRoleLabel(): (role: string) => string {
  const { t } = useTranslation();
  return (role) => ((roles as readonly string[]).includes(role) ? t(`roles.${role as (typeof roles)[number]}`) : role);
}

export function useKindLabel(): (kind: string) => string {
  const { t } = useTranslation();
  return (kind) =>
    (organisationKinds as readonly string[]).includes(kind)
      ? t(`kinds.${kind as (typeof organisationKinds)[number]}`)
      : kind;
}

export function KindTag({ kind }: { kind: string }) {
  const label = useKindLabel();
  return (
    <Tag color={kindColours[kind]} bordered={false}>
      {label(kind)}
    </Tag>
  );
}

export function OrganisationStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  if (status === 'active') return <Tag color="success">{t('orgStatus.active')}</Tag>;
  if (status === 'pending_review') return <Tag color="warning">{t('orgStatus.pending_review')}</Tag>;
  return <Tag>{status}</Tag>;
}

export function UserStatusTag({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  return disabled ? (
    <Tag color="error">{t('organisation.disabledStatus')}</Tag>
  ) : (
    <Tag color="success">{t('organisation.enabled')}</Tag>
  );
}

/** A timestamp in Asia/Shanghai. */
export function DateTime({ value }: { value: string }) {
  return <time dateTime={value}>{formatDateTime(value)}</time>;
}
