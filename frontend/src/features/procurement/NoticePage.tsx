import { Card, Descriptions, Flex, Result, Space, Statistic, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/problem';
import { ButtonLink } from '../../components/ButtonLink';
import { Heading } from '../../components/Heading';
import { QueryError } from '../../components/QueryError';
import { useLocalName } from '../../components/agency';
import { useRegionLabel } from '../../components/regions';
import { formatDateTime } from '../../lib/datetime';
import { usePageTitle } from '../../lib/usePageTitle';
import styles from '../../pages/portal/HomePage.module.css';
import { useNotice } from './api';
import { RequirementTags } from './AnnouncementWizard';
import { Countdown, Money, StatusTag, useMethodLabel } from './labels';

export function NoticeRoute() {
  const { code } = useParams();
  return <NoticePage key={code} code={code ?? ''} />;
}

/** A published announcement as the public sees it, with a live countdown to its deadline. */
export function NoticePage({ code }: { code: string }) {
  const { t } = useTranslation();
  const { data: n, error, isPending, refetch } = useNotice(code);
  const method = useMethodLabel();
  const region = useRegionLabel();
  const name = useLocalName();
  usePageTitle(n ? n.title : error ? t('procurement.notices.notFound') : '');
  if (error && isApiError(error) && error.status === 404)
    return (
      <Result
        status="404"
        title={t('procurement.notices.notFound')}
        extra={<ButtonLink to="/notices">{t('procurement.notices.back')}</ButtonLink>}
      />
    );
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (isPending || !n) return <Card loading style={{ margin: 32 }} />;
  return (
    <div className={styles.container} style={{ paddingBlock: 32 }}>
      <Typography.Paragraph>
        <Link to="/notices">{t('procurement.notices.back')}</Link>
      </Typography.Paragraph>
      <Heading level={1} look={3} style={{ marginTop: 0, wordBreak: 'break-word' }} data-testid="notice-title">
        {n.title}
      </Heading>
      <Space wrap size={12} style={{ marginBottom: 16 }}>
        <StatusTag status={n.status} />
        <Typography.Text type="secondary">{n.code}</Typography.Text>
        {n.round > 1 && (
          <Typography.Text type="secondary">{t('procurement.round', { round: n.round })}</Typography.Text>
        )}
      </Space>
      <Card style={{ marginBottom: 16 }}>
        <Flex gap={32} wrap align="center">
          {n.status === 'open' ? (
            <Countdown deadline={n.registrationDeadline} serverNow={n.now} />
          ) : (
            <Typography.Text strong>{t(`procurement.statuses.${n.status}`)}</Typography.Text>
          )}
          {['closed', 'failed', 'in_publicity', 'awarded'].includes(n.status) && (
            <Link to={`/notices/${encodeURIComponent(n.code)}/result`} data-testid="notice-result-link">
              {t('competition.result.title')}
            </Link>
          )}
          <Statistic
            title={t('procurement.announcements.registrants')}
            value={n.registrantCount}
            data-testid="notice-registrants"
          />
        </Flex>
      </Card>
      <Card title={t('procurement.notices.basic')} style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('procurement.announcements.owner')}>{n.ownerName}</Descriptions.Item>
          <Descriptions.Item label={t('procurement.announcements.project')}>
            {n.projectName}（{n.projectCode}）
          </Descriptions.Item>
          <Descriptions.Item label={t('procurement.announcements.item')}>
            {n.itemCode} {name({ nameZh: n.itemNameZh, nameEn: n.itemNameEn })}
          </Descriptions.Item>
          <Descriptions.Item label={t('procurement.announcements.region')}>{region(n.regionCode)}</Descriptions.Item>
          <Descriptions.Item label={t('procurement.announcements.publishedAt')}>
            {formatDateTime(n.publishedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('procurement.announcements.deadline')}>
            {formatDateTime(n.registrationDeadline)}
          </Descriptions.Item>
          <Descriptions.Item label={t('procurement.announcements.ocid')}>{n.ocid}</Descriptions.Item>
          {n.previousCode && (
            <Descriptions.Item label={t('procurement.announcements.previous')}>
              <Link to={`/notices/${encodeURIComponent(n.previousCode)}`}>{n.previousCode}</Link>
            </Descriptions.Item>
          )}
          {n.nextCode && (
            <Descriptions.Item label={t('procurement.announcements.next')}>
              <Link to={`/notices/${encodeURIComponent(n.nextCode)}`}>{n.nextCode}</Link>
            </Descriptions.Item>
          )}
          {n.cancelReason && (
            <Descriptions.Item label={t('procurement.announcements.cancelReason')}>{n.cancelReason}</Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title={t('procurement.notices.terms')} style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('procurement.announcements.ceiling')}>
            <Money fen={n.ceilingFen} />
          </Descriptions.Item>
          <Descriptions.Item label={t('procurement.announcements.method')}>{method(n.method)}</Descriptions.Item>
          {n.statedPriceFen !== undefined && (
            <Descriptions.Item label={t('procurement.announcements.statedPrice')}>
              <Money fen={n.statedPriceFen} />
            </Descriptions.Item>
          )}
          {n.method === 'comprehensive' && (
            <Descriptions.Item label={t('procurement.announcements.weights')}>
              {t('procurement.announcements.weightPrice')} {n.weightPrice} ·{' '}
              {t('procurement.announcements.weightCredit')} {n.weightCredit} ·{' '}
              {t('procurement.announcements.weightRating')} {n.weightRating}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('procurement.announcements.serviceWorkdays')}>
            {t('procurement.workdays', { count: n.serviceWorkdays })}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('procurement.announcements.description')}
        </Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{n.description}</Typography.Paragraph>
      </Card>
      <Card title={t('procurement.notices.requirementsTitle')} style={{ marginBottom: 16 }}>
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('procurement.announcements.requirements')}
        </Typography.Title>
        <RequirementTags
          requirements={n.requirements.map((r) => ({
            zh: `${r.typeNameZh}（${r.levelNameZh}）`,
            en: `${r.typeNameEn} (${r.levelNameEn})`,
          }))}
        />
        {n.practitionerRequirements && (
          <>
            <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
              {t('procurement.announcements.practitionerRequirements')}
            </Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{n.practitionerRequirements}</Typography.Paragraph>
          </>
        )}
        {n.avoidedAgencies.length > 0 && (
          <>
            <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
              {t('procurement.announcements.avoidances')}
            </Typography.Title>
            <Typography.Paragraph>{n.avoidedAgencies.join(t('common.listSeparator'))}</Typography.Paragraph>
          </>
        )}
      </Card>
      <Card title={t('procurement.announcements.attachments')} style={{ marginBottom: 16 }}>
        {n.attachments.length === 0 ? (
          <Typography.Text type="secondary">{t('procurement.announcements.noAttachments')}</Typography.Text>
        ) : (
          <>
            {n.attachments.map((a) => (
              <Typography.Paragraph key={a.filename} style={{ margin: 0 }}>
                {a.filename}
              </Typography.Paragraph>
            ))}
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t('procurement.notices.attachmentsNote')}
            </Typography.Paragraph>
          </>
        )}
      </Card>
      <Card title={t('procurement.announcements.commitment')}>
        <Typography.Text code style={{ wordBreak: 'break-all' }} data-testid="notice-commitment">
          {n.drawCommitment}
        </Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('procurement.notices.drawNote')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
