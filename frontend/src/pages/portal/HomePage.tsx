import { Card, Col, Flex, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import {
  AuditOutlined,
  EyeOutlined,
  RightOutlined,
  SafetyCertificateOutlined,
  SearchOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useDeferredValue, type ReactNode } from 'react';
import { usePortalSummary, useRegions, useSession } from '../../api/hooks';
import { QueryError } from '../../components/QueryError';
import { regionName } from '../../components/regionName';
import styles from './HomePage.module.css';
import { Heading } from '../../components/Heading';
import { ButtonLink } from '../../components/ButtonLink';

const pillars = [
  { key: 'open', icon: <EyeOutlined /> },
  { key: 'fair', icon: <TeamOutlined /> },
  { key: 'verifiable', icon: <SafetyCertificateOutlined /> },
  { key: 'supervised', icon: <AuditOutlined /> },
] as const;

const steps = ['publish', 'register', 'select', 'fulfil', 'supervise'] as const;

/** The public portal: what the marketplace is, how it works, and who is on it. */
export function HomePage() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  return (
    <>
      <section className={styles.hero} data-testid="portal-hero">
        <div className={styles.container}>
          {/* gold-9 text: the preset's gold-7 is 2.8:1 on its own background */}
          <Tag color="gold" bordered={false} style={{ color: '#874d00' }}>
            {t('app.owner')}
          </Tag>
          <Typography.Title className={styles.heroTitle}>{t('portal.heroTitle')}</Typography.Title>
          <Typography.Paragraph className={styles.heroLead}>{t('portal.heroLead')}</Typography.Paragraph>
          <Flex gap={12} wrap>
            <ButtonLink to="/directory" size="large" icon={<SearchOutlined />} data-testid="hero-directory">
              {t('portal.directoryLink')}
            </ButtonLink>
            {!session && (
              <>
                <ButtonLink to="/signup/agency" size="large" ghost>
                  {t('common.agencySignUp')}
                </ButtonLink>
                <ButtonLink to="/signin" size="large" ghost>
                  {t('common.signIn')}
                </ButtonLink>
              </>
            )}
          </Flex>
        </div>
      </section>

      <div className={styles.container}>
        <Figures />

        <Row gutter={[16, 16]} className={styles.section}>
          {pillars.map((p) => (
            <Col key={p.key} xs={24} sm={12} lg={6}>
              <Card className={styles.fill}>
                <Flex gap={12} align="flex-start">
                  <span className={styles.pillarIcon}>{p.icon}</span>
                  <div>
                    <Heading level={2} look={5} style={{ marginTop: 0 }}>
                      {t(`portal.pillars.${p.key}.title`)}
                    </Heading>
                    <Typography.Text type="secondary">{t(`portal.pillars.${p.key}.body`)}</Typography.Text>
                  </div>
                </Flex>
              </Card>
            </Col>
          ))}
        </Row>

        <Card className={styles.section} data-testid="portal-directory">
          <Flex align="center" justify="space-between" gap={16} wrap>
            <Flex gap={12} align="flex-start">
              <span className={styles.pillarIcon}>
                <SearchOutlined />
              </span>
              <div>
                <Heading level={2} look={4} style={{ marginTop: 0 }}>
                  {t('portal.directoryTitle')}
                </Heading>
                <Typography.Text type="secondary">{t('portal.directoryBody')}</Typography.Text>
              </div>
            </Flex>
            <ButtonLink to="/directory" type="primary" size="large" icon={<RightOutlined />} iconPosition="end">
              {t('portal.directoryLink')}
            </ButtonLink>
          </Flex>
        </Card>

        <SectionTitle>{t('portal.howItWorks')}</SectionTitle>
        <Row gutter={[16, 16]} data-testid="how-it-works">
          {steps.map((step, i) => (
            <Col key={step} xs={24} sm={12} lg={{ flex: '20%' }}>
              <Card className={styles.fill}>
                <span className={styles.stepNumber}>{i + 1}</span>
                <Heading level={3} look={5}>
                  {t(`portal.steps.${step}.title`)}
                </Heading>
                <Typography.Text type="secondary">{t(`portal.steps.${step}.body`)}</Typography.Text>
              </Card>
            </Col>
          ))}
        </Row>

        <SectionTitle>{t('portal.regions')}</SectionTitle>
        <Typography.Paragraph type="secondary">{t('portal.regionsLead')}</Typography.Paragraph>
        <Regions />

        {!session && (
          <Card className={styles.join}>
            <Flex align="center" justify="space-between" gap={16} wrap>
              <div>
                <Heading level={2} look={4} style={{ marginTop: 0 }}>
                  {t('portal.joinTitle')}
                </Heading>
                <Typography.Text type="secondary">{t('portal.joinBody')}</Typography.Text>
              </div>
              <ButtonLink to="/signup/agency" type="primary" size="large">
                {t('common.agencySignUp')}
              </ButtonLink>
            </Flex>
          </Card>
        )}
      </div>
    </>
  );
}

function SectionTitle({ children }: { children: ReactNode }) {
  return (
    <Heading level={2} look={3} className={styles.sectionTitle}>
      {children}
    </Heading>
  );
}

function Figures() {
  const { t } = useTranslation();
  const { data, isLoading, error } = usePortalSummary();
  const figures = [
    { key: 'regions', value: data?.regions },
    { key: 'owners', value: data?.owners },
    { key: 'agencies', value: data?.agencies },
  ] as const;
  return (
    <Card className={styles.figures} data-testid="portal-figures">
      {error ? (
        <QueryError error={error} />
      ) : (
        <Row gutter={[16, 16]}>
          {figures.map((f) => (
            <Col key={f.key} xs={24} sm={8} data-testid={`figure-${f.key}`}>
              <Statistic
                title={t(`portal.counts.${f.key}`)}
                value={f.value ?? 0}
                loading={isLoading}
                valueStyle={{ color: '#1f4e9e', fontWeight: 600 }}
              />
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}

function Regions() {
  const { t, i18n } = useTranslation();
  const { data, error, refetch } = useRegions();
  // The 13 tiles render in interruptible slices after the answer arrives (see DirectoryPage).
  const regions = useDeferredValue(data);
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (!regions) return <Skeleton active />;
  const sorted = [...(regions ?? [])].sort((a, b) => a.code.localeCompare(b.code));
  // The prefecture heads the list on its own line; its 12 counties and cities fill a grid.
  const prefectures = sorted.filter((r) => r.level === 'prefecture');
  const counties = sorted.filter((r) => r.level !== 'prefecture');
  // Only the prefecture carries a level tag: on every county it would just repeat itself.
  const tile = (r: (typeof sorted)[number]) => (
    <Card size="small" className={r.level === 'prefecture' ? `${styles.fill} ${styles.prefecture}` : styles.fill}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <div>
          <Typography.Text strong>{regionName(r, i18n.language)}</Typography.Text>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.code}
          </Typography.Text>
        </div>
        {r.level === 'prefecture' && (
          <Tag bordered={false} color="blue" style={{ marginInlineEnd: 0 }}>
            {t('portal.levels.prefecture')}
          </Tag>
        )}
      </Flex>
    </Card>
  );
  return (
    <Row gutter={[12, 12]} data-testid="portal-regions">
      {prefectures.map((r) => (
        <Col key={r.code} xs={24}>
          {tile(r)}
        </Col>
      ))}
      {counties.map((r) => (
        <Col key={r.code} xs={12} sm={8} md={6} lg={4}>
          {tile(r)}
        </Col>
      ))}
    </Row>
  );
}
