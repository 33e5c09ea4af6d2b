import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Row,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useApplication, useDecideProfile, useDecideQualification } from '../../../api/hooks';
import type { Application, Listing, Practitioner, Qualification } from '../../../api/client';
import {
  ItemName,
  ListingStatusTags,
  Prose,
  ReviewStatusTag,
  useBilingual,
  ValidityTag,
} from '../../../components/agency';
import { ButtonLink } from '../../../components/ButtonLink';
import { DocumentPreview, PreviewPlaceholder } from '../../../components/DocumentPreview';
import { HistoryTimeline, useSubjectName } from '../../../components/HistoryTimeline';
import { DateTime } from '../../../components/labels';
import { QueryError } from '../../../components/QueryError';
import { useRegionLabel } from '../../../components/regions';
import { rejectionReason } from '../../../lib/application';
import { offers, offersAny } from '../../../lib/permissions';
import { DecisionButtons } from './DecisionButtons';
import { SanctionsCard } from './SanctionsCard';
import { Terms } from '../agency/ListingsStep';

/**
 * An agency's application for regulators and the platform admin: the documents beside the
 * data, a decision on each qualification, then on the application; its listings, sanctions
 * and history. Reached from the review queue (from="reviews") or the agency list. Every
 * decision and sanction button is one the server lists in the object's `actions`.
 */
export function AgencyReviewPage({ orgId, from }: { orgId: number; from: 'reviews' | 'agencies' }) {
  const { t } = useTranslation();
  const { data: app, error, isPending, refetch } = useApplication(orgId);
  const back =
    from === 'reviews' ? (
      <ButtonLink to="/workspace/reviews" icon={<ArrowLeftOutlined />} type="link" style={{ paddingInline: 0 }}>
        {t('review.backToQueue')}
      </ButtonLink>
    ) : (
      <ButtonLink to="/workspace/agencies" icon={<ArrowLeftOutlined />} type="link" style={{ paddingInline: 0 }}>
        {t('review.backToAgencies')}
      </ButtonLink>
    );

  if (error)
    return (
      <Flex vertical gap={16} align="flex-start">
        {back}
        <QueryError error={error} onRetry={() => void refetch()} />
      </Flex>
    );
  if (isPending) return <Skeleton active />;

  const inForce = (app.sanctions ?? []).some((s) => s.inForce);
  return (
    <Flex vertical gap={16} data-testid="agency-review-page">
      <div>{back}</div>
      <ProfileCard app={app} />
      {inForce && <Alert type="error" showIcon message={t('sanction.inForceBanner')} />}
      <QualificationsReview app={app} />
      <PractitionersCard practitioners={app.practitioners ?? []} />
      <ListingsCard app={app} from={from} />
      {(offers(app, 'approve') || offers(app, 'reject')) && <ProfileDecision app={app} />}
      <SanctionsCard
        orgId={orgId}
        orgName={app.organisation.name}
        sanctions={app.sanctions ?? []}
        canSanction={offers(app, 'sanction')}
      />
      <Card title={t('application.history')}>
        <HistoryTimeline app={app} />
      </Card>
    </Flex>
  );
}

function ProfileCard({ app }: { app: Application }) {
  const { t } = useTranslation();
  const regionLabel = useRegionLabel();
  const { organisation: org, profile } = app;
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="review-agency-name">
          {org.name}
        </Typography.Title>
      }
      extra={
        <span data-testid="review-profile-status">
          <ReviewStatusTag status={profile.status} />
        </span>
      }
    >
      <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" bordered>
        <Descriptions.Item label={t('application.creditCode')}>
          <Typography.Text code>{org.creditCode}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('application.region')}>{regionLabel(org.regionCode)}</Descriptions.Item>
        <Descriptions.Item label={t('application.legalRepresentative')}>
          {profile.legalRepresentative}
        </Descriptions.Item>
        <Descriptions.Item label={t('application.contactName')}>{org.contactName}</Descriptions.Item>
        <Descriptions.Item label={t('application.contactPhone')}>{org.contactPhone}</Descriptions.Item>
        {profile.submittedAt && (
          <Descriptions.Item label={t('application.submittedAt')}>
            <DateTime value={profile.submittedAt} />
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('application.address')} span={3}>
          {profile.address}
        </Descriptions.Item>
        {profile.introduction && (
          <Descriptions.Item label={t('application.introduction')} span={3}>
            <Prose>{profile.introduction}</Prose>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

/** Each qualification's data and decision on the left, its scan on the right. */
function QualificationsReview({ app }: { app: Application }) {
  const { t } = useTranslation();
  const quals = app.qualifications ?? [];
  // The reviewer starts with the first scan waiting for its decision. Anyone else opens a scan
  // by choice: every link issued is recorded as a download.
  const firstToReview = quals.find((q) => offersAny(q));
  const [selectedId, setSelectedId] = useState<number | undefined>(undefined);
  const selected = quals.find((q) => q.id === (selectedId ?? firstToReview?.id));
  const decide = useDecideQualification(app.organisation.id);

  return (
    <Card title={t('review.qualificationsSection')}>
      {quals.length === 0 ? (
        <Empty description={t('qualification.empty')} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('review.qualificationsLead')}</Typography.Paragraph>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Flex vertical gap={12} data-testid="review-qualifications">
                {quals.map((q) => (
                  <QualificationCard
                    key={q.id}
                    app={app}
                    q={q}
                    selected={q.id === selected?.id}
                    onSelect={() => setSelectedId(q.id)}
                    decide={offersAny(q) ? (body) => decide.mutateAsync({ id: q.id, body }) : undefined}
                  />
                ))}
              </Flex>
            </Col>
            <Col xs={24} lg={14}>
              <div style={{ position: 'sticky', top: 16 }}>
                <Card
                  size="small"
                  title={selected ? `${t('review.preview')} · ${selected.fileName}` : t('review.preview')}
                >
                  {selected ? (
                    <DocumentPreview
                      key={selected.fileId}
                      fileId={selected.fileId}
                      fileName={selected.fileName}
                      contentType={selected.fileContentType}
                    />
                  ) : (
                    <PreviewPlaceholder />
                  )}
                </Card>
              </div>
            </Col>
          </Row>
        </>
      )}
    </Card>
  );
}

function QualificationCard({
  app,
  q,
  selected,
  onSelect,
  decide,
}: {
  app: Application;
  q: Qualification;
  selected: boolean;
  onSelect: () => void;
  decide?: Parameters<typeof DecisionButtons>[0]['decide'];
}) {
  const { t } = useTranslation();
  const pick = useBilingual();
  const subjectName = useSubjectName(app);
  const reason = rejectionReason(app.history, 'qualification', q.id, q.status);
  return (
    <Card
      size="small"
      data-testid={`review-qualification-${q.id}`}
      style={selected ? { borderColor: '#1f4e9e', boxShadow: '0 0 0 1px #1f4e9e' } : undefined}
      title={
        <span>
          {pick(q.typeNameZh, q.typeNameEn)} · {pick(q.levelNameZh, q.levelNameEn)}
        </span>
      }
      extra={<ReviewStatusTag status={q.status} />}
    >
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('qualification.certificateNo')}>{q.certificateNo}</Descriptions.Item>
        <Descriptions.Item label={t('qualification.issuer')}>{q.issuer}</Descriptions.Item>
        <Descriptions.Item label={t('qualification.validity')}>
          <Space size={8} wrap>
            {t('common.dateRange', { from: q.validFrom, to: q.validTo })}
            <ValidityTag expired={q.expired} />
          </Space>
        </Descriptions.Item>
        {q.scope && <Descriptions.Item label={t('qualification.scope')}>{q.scope}</Descriptions.Item>}
      </Descriptions>
      {reason && (
        <Typography.Paragraph type="danger">{t('application.rejectionReason', { reason })}</Typography.Paragraph>
      )}
      <Flex gap={8} wrap justify="space-between" style={{ marginTop: 12 }}>
        <Button
          icon={<EyeOutlined />}
          type={selected ? 'primary' : 'default'}
          ghost={selected}
          onClick={onSelect}
          data-testid={`view-scan-${q.id}`}
        >
          {t('qualification.viewScan')}
        </Button>
        {decide && (
          <DecisionButtons
            subject={subjectName('qualification', q.id)}
            decide={decide}
            approve={offers(q, 'approve')}
            reject={offers(q, 'reject')}
            testId={`qualification-${q.id}`}
          />
        )}
      </Flex>
    </Card>
  );
}

function PractitionersCard({ practitioners }: { practitioners: readonly Practitioner[] }) {
  const { t } = useTranslation();
  return (
    <Card title={t('application.steps.practitioners')}>
      <Table<Practitioner>
        rowKey="id"
        dataSource={[...practitioners]}
        pagination={false}
        size="small"
        locale={{ emptyText: t('practitioner.empty') }}
        columns={[
          { title: t('practitioner.name'), dataIndex: 'name' },
          {
            title: t('practitioner.certificateNo'),
            dataIndex: 'certificateNo',
            render: (v: string) => v || t('common.none'),
          },
          {
            title: t('practitioner.idNumber'),
            dataIndex: 'idNumberMasked',
            render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
          },
        ]}
      />
    </Card>
  );
}

function ListingsCard({ app, from }: { app: Application; from: 'reviews' | 'agencies' }) {
  const { t } = useTranslation();
  const base = from === 'reviews' ? '/workspace/reviews/agencies' : '/workspace/agencies';
  return (
    <Card title={t('application.steps.listings')}>
      <Table<Listing>
        rowKey="id"
        dataSource={app.listings ?? []}
        pagination={false}
        size="small"
        scroll={{ x: 800 }}
        locale={{ emptyText: t('listing.empty') }}
        data-testid="review-listings"
        columns={[
          {
            title: t('listing.item'),
            key: 'item',
            width: 280,
            render: (_, l) => <ItemName code={l.itemCode} nameZh={l.itemNameZh} nameEn={l.itemNameEn} />,
          },
          {
            title: t('listing.approvedTerms'),
            key: 'terms',
            render: (_, l) =>
              l.approvedAt ? (
                <Terms fee={l.approvedFeeReference} commitment={l.approvedCommitment} />
              ) : (
                t('common.none')
              ),
          },
          {
            title: t('listing.status'),
            key: 'status',
            width: 200,
            render: (_, l) => <ListingStatusTags listing={l} />,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 140,
            render: (_, l) =>
              l.pendingStatus === 'submitted' &&
              (offersAny(l) ? (
                <ButtonLink
                  to={`${base}/${app.organisation.id}/listings/${l.id}`}
                  size="small"
                  type="primary"
                  data-testid={`open-listing-${l.id}`}
                >
                  {t('review.reviewListing')}
                </ButtonLink>
              ) : (
                app.organisation.status !== 'active' && (
                  <Tag data-testid={`listing-waiting-${l.id}`}>{t('review.waitingForAgency')}</Tag>
                )
              )),
          },
        ]}
      />
    </Card>
  );
}

/** The decision on the application as a whole, once every qualification is decided. */
function ProfileDecision({ app }: { app: Application }) {
  const { t } = useTranslation();
  const decide = useDecideProfile(app.organisation.id);
  const waiting = (app.qualifications ?? []).filter((q) => q.status === 'submitted').length;
  return (
    <Card title={t('review.decisionSection')} data-testid="profile-decision" style={{ borderColor: '#adc4ec' }}>
      <Typography.Paragraph type="secondary">{t('review.decisionLead')}</Typography.Paragraph>
      {waiting > 0 && (
        <Alert
          type="warning"
          showIcon
          message={t('review.qualificationsPending', { count: waiting })}
          style={{ marginBottom: 16 }}
        />
      )}
      <DecisionButtons
        subject={`${t('subjects.profile')} · ${app.organisation.name}`}
        decide={(body) => decide.mutateAsync(body)}
        approveLabel={t('review.approveApplication')}
        rejectLabel={t('review.rejectApplication')}
        approve={offers(app, 'approve') || waiting > 0}
        approveDisabled={!offers(app, 'approve')}
        reject={offers(app, 'reject')}
        testId="profile"
        size="large"
      />
    </Card>
  );
}
