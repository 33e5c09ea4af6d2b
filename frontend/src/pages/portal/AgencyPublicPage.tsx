import { Alert, Card, Descriptions, Flex, Skeleton, Space, Table, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Heading } from '../../components/Heading';
import { usePageTitle } from '../../lib/usePageTitle';
import { useDirectoryAgency } from '../../api/hooks';
import type { PublicListing, PublicQualification } from '../../api/client';
import { isApiError } from '../../api/problem';
import { ItemName, Prose, useBilingual, ValidityTag } from '../../components/agency';
import { ButtonLink } from '../../components/ButtonLink';
import { DateTime } from '../../components/labels';
import { QueryError } from '../../components/QueryError';
import { SanctionTable } from '../../components/SanctionTable';
import { useRegionLabel } from '../../components/regions';
import { CreditCard } from '../../features/rating/CreditCard';
import { NotFoundPage } from '../NotFoundPage';
import styles from './HomePage.module.css';

export function AgencyPublicRoute() {
  const { orgId } = useParams();
  const id = Number(orgId);
  if (!Number.isSafeInteger(id) || id <= 0) return <NotFoundPage />;
  return <AgencyPublicPage orgId={id} />;
}

/** An agency's public page: only what the regulators approved, and its sanctions. */
export function AgencyPublicPage({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const pick = useBilingual();
  const regionLabel = useRegionLabel();
  const { data: agency, error, isPending, refetch } = useDirectoryAgency(orgId);
  usePageTitle(agency?.name ?? t('site.titles.agency'));

  const back = (
    <ButtonLink to="/directory" icon={<ArrowLeftOutlined />} type="link" style={{ paddingInline: 0 }}>
      {t('directory.back')}
    </ButtonLink>
  );
  let body;
  if (isApiError(error, 404)) body = <Alert type="warning" showIcon message={t('directory.notFound')} />;
  else if (error) body = <QueryError error={error} onRetry={() => void refetch()} />;
  else if (isPending) body = <Skeleton active />;
  else {
    const sanctions = agency.sanctions ?? [];
    body = (
      <Flex vertical gap={16}>
        <Card
          title={
            <Heading level={1} look={3} style={{ margin: 0 }} data-testid="agency-name">
              {agency.name}
            </Heading>
          }
        >
          <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
            <Descriptions.Item label={t('application.creditCode')}>
              <Typography.Text code>{agency.creditCode}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('application.region')}>{regionLabel(agency.regionCode)}</Descriptions.Item>
            <Descriptions.Item label={t('application.legalRepresentative')}>
              {agency.legalRepresentative}
            </Descriptions.Item>
            <Descriptions.Item label={t('application.contactPhone')}>{agency.contactPhone}</Descriptions.Item>
            <Descriptions.Item label={t('application.address')} span={2}>
              {agency.address}
            </Descriptions.Item>
            {agency.introduction && (
              <Descriptions.Item label={t('application.introduction')} span={2}>
                <Prose>{agency.introduction}</Prose>
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
        {sanctions.some((s) => s.inForce) && <Alert type="error" showIcon message={t('sanction.inForceBanner')} />}
        <CreditCard orgId={orgId} />
        <Card title={t('directory.qualificationsSection')}>
          <Table<PublicQualification>
            rowKey="id"
            dataSource={agency.qualifications ?? []}
            pagination={false}
            size="middle"
            scroll={{ x: 800 }}
            locale={{ emptyText: t('directory.noQualifications') }}
            data-testid="public-qualifications"
            columns={[
              {
                title: t('qualification.type'),
                key: 'type',
                render: (_, q) => `${pick(q.typeNameZh, q.typeNameEn)} · ${pick(q.levelNameZh, q.levelNameEn)}`,
              },
              { title: t('qualification.certificateNo'), dataIndex: 'certificateNo' },
              { title: t('qualification.issuer'), dataIndex: 'issuer' },
              {
                title: t('qualification.validity'),
                key: 'validity',
                render: (_, q) => (
                  <Space size={8} wrap>
                    {t('common.dateRange', { from: q.validFrom, to: q.validTo })}
                    <ValidityTag expired={q.expired} />
                  </Space>
                ),
              },
            ]}
          />
        </Card>
        <Card title={t('directory.listingsSection')}>
          <Table<PublicListing>
            rowKey="id"
            dataSource={agency.listings ?? []}
            pagination={false}
            size="middle"
            scroll={{ x: 800 }}
            locale={{ emptyText: t('directory.noListings') }}
            data-testid="public-listings"
            columns={[
              {
                title: t('listing.item'),
                key: 'item',
                width: 300,
                render: (_, l) => <ItemName code={l.itemCode} nameZh={l.itemNameZh} nameEn={l.itemNameEn} />,
              },
              {
                title: t('listing.feeReference'),
                dataIndex: 'feeReference',
                render: (v?: string) => <Prose>{v}</Prose>,
              },
              {
                title: t('listing.commitment'),
                dataIndex: 'commitment',
                render: (v?: string) => <Prose>{v}</Prose>,
              },
              {
                title: t('listing.approvedAt'),
                dataIndex: 'approvedAt',
                width: 150,
                render: (v: string) => <DateTime value={v} />,
              },
            ]}
          />
        </Card>
        <Card title={t('directory.sanctionsSection')}>
          <SanctionTable sanctions={sanctions} scrollX={800} testId="public-sanctions" />
        </Card>
      </Flex>
    );
  }
  return (
    <div className={styles.container} style={{ paddingBlock: 24 }} data-testid="agency-public-page">
      <div style={{ marginBottom: 12 }}>{back}</div>
      {body}
    </div>
  );
}
