import { Alert, Card, Col, Descriptions, Flex, Row, Skeleton, Space, Table, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useApplication, useCatalogItem, useDecideListing } from '../../../api/hooks';
import type { Qualification } from '../../../api/client';
import {
  ItemName,
  ListingStatusTags,
  Prose,
  ReviewStatusTag,
  useBilingual,
  ValidityTag,
} from '../../../components/agency';
import { ButtonLink } from '../../../components/ButtonLink';
import { QueryError } from '../../../components/QueryError';
import { RequirementList } from '../../../components/RequirementList';
import { NotFoundPage } from '../../NotFoundPage';
import { statusesForApproval } from '../../../lib/application';
import { can, offers, offersAny } from '../../../lib/permissions';
import { useCurrentSession } from '../session';
import { DecisionButtons } from './DecisionButtons';

/**
 * 服务事项审核: a listing, decided by the regulator in charge of its item. The item's
 * requirements stand beside the agency's qualifications, each marked met or not.
 */
export function ListingReviewPage({
  orgId,
  listingId,
  from,
}: {
  orgId: number;
  listingId: number;
  from: 'reviews' | 'agencies';
}) {
  const { t } = useTranslation();
  const pick = useBilingual();
  const session = useCurrentSession();
  const { data: app, error, isPending, refetch } = useApplication(orgId);
  const listing = app?.listings?.find((l) => l.id === listingId);
  const { data: item, error: itemError } = useCatalogItem(listing?.itemId);
  const decide = useDecideListing(orgId);
  const backTo = from === 'reviews' ? '/workspace/reviews' : `/workspace/agencies/${orgId}`;
  const back = (
    <ButtonLink to={backTo} icon={<ArrowLeftOutlined />} type="link" style={{ paddingInline: 0 }}>
      {from === 'reviews' ? t('review.backToQueue') : t('common.back')}
    </ButtonLink>
  );

  if (error || itemError) return <QueryError error={error ?? itemError} onRetry={() => void refetch()} />;
  if (isPending) return <Skeleton active />;
  if (!listing) return <NotFoundPage />;

  const submitted = listing.pendingStatus === 'submitted';
  // What the server offers this reader on this listing (actions), and why not when nothing.
  const mayDecide = offersAny(listing);
  const agencyApproved = app.organisation.status === 'active';
  const inCharge = can(session, 'agency.decideListing', listing.regulatorId);
  const itemName = `${listing.itemCode} ${pick(listing.itemNameZh, listing.itemNameEn)}`;
  const quals = app.qualifications ?? [];

  return (
    <Flex vertical gap={16} data-testid="listing-review-page">
      <div>{back}</div>
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('review.listingTitle')}
          </Typography.Title>
        }
        extra={<ListingStatusTags listing={listing} />}
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('review.agency')}>
            <Space>
              {app.organisation.name}
              <ReviewStatusTag status={app.profile.status} />
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('listing.item')}>
            <ItemName code={listing.itemCode} nameZh={listing.itemNameZh} nameEn={listing.itemNameEn} />
          </Descriptions.Item>
          {item && (
            <>
              <Descriptions.Item label={t('listing.regulator')}>{item.regulatorName}</Descriptions.Item>
              <Descriptions.Item label={t('listing.timeLimits')}>
                {t('listing.timeLimitsValue', { legal: item.legalDays, committed: item.committedDays })}
              </Descriptions.Item>
            </>
          )}
        </Descriptions>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t('review.itemRequirements')} style={{ height: '100%' }}>
            {item ? (
              <>
                <RequirementList
                  requirements={item.requirements ?? []}
                  qualifications={quals}
                  statuses={statusesForApproval}
                  metLabel={t('review.requirementMet')}
                  notMetLabel={t('review.requirementNotMet')}
                />
                <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
                  {t('review.requirementsHint')}
                </Typography.Paragraph>
              </>
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('review.agencyQualifications')} style={{ height: '100%' }}>
            <Table<Qualification>
              rowKey="id"
              dataSource={quals}
              pagination={false}
              size="small"
              locale={{ emptyText: t('qualification.empty') }}
              data-testid="listing-review-qualifications"
              columns={[
                {
                  title: t('qualification.type'),
                  key: 'type',
                  render: (_, q) => `${pick(q.typeNameZh, q.typeNameEn)} · ${pick(q.levelNameZh, q.levelNameEn)}`,
                },
                { title: t('qualification.certificateNo'), dataIndex: 'certificateNo' },
                {
                  title: t('qualification.validTo'),
                  key: 'validTo',
                  render: (_, q) => (
                    <Space size={4} wrap>
                      {q.validTo}
                      <ValidityTag expired={q.expired} />
                    </Space>
                  ),
                },
                {
                  title: t('qualification.status'),
                  key: 'status',
                  render: (_, q) => <ReviewStatusTag status={q.status} />,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>

      <Card title={t('review.listingTerms')}>
        <Row gutter={[24, 16]}>
          <Col xs={24} md={12}>
            <Typography.Text type="secondary">{t('listing.feeReference')}</Typography.Text>
            <Prose>{listing.pendingFeeReference ?? listing.approvedFeeReference}</Prose>
          </Col>
          <Col xs={24} md={12}>
            <Typography.Text type="secondary">{t('listing.commitment')}</Typography.Text>
            <Prose>{listing.pendingCommitment ?? listing.approvedCommitment}</Prose>
          </Col>
        </Row>
        {listing.approvedAt && listing.pendingStatus && (
          <Alert type="info" showIcon message={t('listing.changeKeepsApproved')} style={{ marginTop: 16 }} />
        )}
      </Card>

      <Card title={t('review.decisionSection')} data-testid="listing-decision">
        {!submitted ? (
          <Alert type="info" showIcon message={t('review.listingNotSubmitted')} />
        ) : mayDecide ? (
          <Flex vertical gap={16}>
            {!offers(listing, 'approve') && <Alert type="warning" showIcon message={t('review.notQualifiedYet')} />}
            <DecisionButtons
              subject={`${t('subjects.listing')} · ${itemName}`}
              decide={(body) => decide.mutateAsync({ id: listing.id, body })}
              approveLabel={t('review.approveListing')}
              rejectLabel={t('review.rejectListing')}
              approve={offers(listing, 'approve')}
              reject={offers(listing, 'reject')}
              testId="listing"
              size="large"
            />
          </Flex>
        ) : inCharge && !agencyApproved ? (
          <Alert type="info" showIcon message={t('review.listingWaitsForAgency')} data-testid="listing-waiting" />
        ) : (
          <Alert type="info" showIcon message={t('review.notInCharge', { regulator: item?.regulatorName ?? '' })} />
        )}
      </Card>
    </Flex>
  );
}
