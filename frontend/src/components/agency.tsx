// Labels and tags for the catalogue and agency data: review states, sanctions, validity, and
// names that come in Chinese and English. Unknown values (a newer server) show as sent.
import type { ReactNode } from 'react';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Listing, Requirement, Sanction } from '../api/client';

/** Picks the name in the UI language from a Chinese/English pair. */
export function useBilingual(): (zh: string, en: string) => string {
  const { i18n } = useTranslation();
  return (zh, en) => (i18n.language === 'en-US' ? en || zh : zh || en);
}

/** The name of anything with nameZh/nameEn (items, types, levels, categories, regions). */
export function useLocalName(): (named: { nameZh: string; nameEn: string }) => string {
  const pick = useBilingual();
  return (named) => pick(named.nameZh, named.nameEn);
}

const reviewColours: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'success',
  rejected: 'error',
};

const reviewStatuses = ['draft', 'submitted', 'approved', 'rejected'] as const;
type KnownReviewStatus = (typeof reviewStatuses)[number];
const isReviewStatus = (s: string): s is KnownReviewStatus => (reviewStatuses as readonly string[]).includes(s);

/** draft / under review / approved / returned. */
export function ReviewStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={reviewColours[status]} data-status={status} style={{ marginInlineEnd: 0 }}>
      {isReviewStatus(status) ? t(`reviewStatus.${status}`) : status}
    </Tag>
  );
}

/**
 * A listing's state: approved terms are public; a change may be under way beside them. A
 * listing never approved shows the state of its first submission.
 */
export function ListingStatusTags({ listing }: { listing: Pick<Listing, 'approvedAt' | 'pendingStatus'> }) {
  const { t } = useTranslation();
  if (!listing.approvedAt) return <ReviewStatusTag status={listing.pendingStatus ?? 'draft'} />;
  return (
    <Space size={4} wrap>
      <ReviewStatusTag status="approved" />
      {listing.pendingStatus && (
        <Tag color={reviewColours[listing.pendingStatus]} data-status={`change-${listing.pendingStatus}`}>
          {t(`listingChange.${listing.pendingStatus}`)}
        </Tag>
      )}
    </Space>
  );
}

export function ValidityTag({ expired }: { expired: boolean }) {
  const { t } = useTranslation();
  return expired ? (
    <Tag color="default">{t('validity.expired')}</Tag>
  ) : (
    <Tag color="success">{t('validity.valid')}</Tag>
  );
}

export function SanctionKindTag({ kind }: { kind: string }) {
  const { t } = useTranslation();
  if (kind === 'blacklist') return <Tag color="black">{t('sanctionKinds.blacklist')}</Tag>;
  if (kind === 'suspension') return <Tag color="volcano">{t('sanctionKinds.suspension')}</Tag>;
  return <Tag>{kind}</Tag>;
}

/** In force, lifted early, or ended by its date. */
export function SanctionStateTag({ sanction }: { sanction: Pick<Sanction, 'inForce' | 'liftedAt'> }) {
  const { t } = useTranslation();
  if (sanction.inForce) return <Tag color="error">{t('sanctionStates.inForce')}</Tag>;
  if (sanction.liftedAt) return <Tag>{t('sanctionStates.lifted')}</Tag>;
  return <Tag>{t('sanctionStates.ended')}</Tag>;
}

/** "测绘资质（丙级及以上）" */
export function useRequirementLabel(): (r: Requirement) => string {
  const { t } = useTranslation();
  const pick = useBilingual();
  return (r) =>
    t('listing.requirementLine', {
      type: pick(r.typeNameZh, r.typeNameEn),
      level: pick(r.minLevelNameZh, r.minLevelNameEn),
    });
}

/** An item shown as its code and name. */
export function ItemName({ code, nameZh, nameEn }: { code: string; nameZh: string; nameEn: string }) {
  const pick = useBilingual();
  return (
    <span>
      <Typography.Text code>{code}</Typography.Text> {pick(nameZh, nameEn)}
    </span>
  );
}

/** A labelled block of text that keeps the applicant's line breaks. */
export function Prose({ children }: { children: ReactNode }) {
  return <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{children}</div>;
}
