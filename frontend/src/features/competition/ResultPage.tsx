import { Alert, Card, Descriptions, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Heading } from '../../components/Heading';
import { QueryError } from '../../components/QueryError';
import { DrawVerification } from '../../draw/DrawVerification';
import { isApiError } from '../../api/problem';
import { useSession } from '../../api/hooks';
import { can } from '../../lib/permissions';
import { formatDateTime } from '../../lib/datetime';
import { errorMessage, fieldErrorMessage } from '../../lib/errors';
import { usePageTitle } from '../../lib/usePageTitle';
import { points, useDraw, useResult, yuan, type Result, type ResultRegistrant } from './api';
import { DirectChoicePanel, ObjectionsPanel } from './OwnerPanels';
import styles from '../../pages/portal/HomePage.module.css';

export function ResultRoute() {
  const { code } = useParams();
  if (!code) return null;
  return <ResultPage code={code} />;
}

/** 选取结果公示: the registrants, quotes and scores where public, the selections and the draw. */
export function ResultPage({ code }: { code: string }) {
  const { t } = useTranslation();
  usePageTitle(t('competition.result.pageTitle', { code }));
  const { data: result, error, isPending, refetch } = useResult(code);
  const { data: session } = useSession();
  const drawn = !!result && result.status !== 'closed' && result.status !== 'failed' && result.method !== 'direct';
  const draw = useDraw(code, drawn || (!!result && result.selections.some((s) => s.drawn)));

  let body;
  if (isApiError(error, 409)) body = <Alert type="info" showIcon message={t('competition.result.notClosed')} />;
  else if (isApiError(error, 404)) body = <Alert type="warning" showIcon message={errorMessage(t, error)} />;
  else if (error) body = <QueryError error={error} onRetry={() => void refetch()} />;
  else if (isPending) body = <Skeleton active />;
  else {
    const names = Object.fromEntries(result.registrants.map((r) => [r.creditCode, r.agencyName]));
    const owner = !!session && can(session, 'procurement.listObjections') && session.organisation.kind !== 'agency';
    body = (
      <Flex vertical gap={16}>
        <Summary result={result} />
        <DirectChoicePanel result={result} />
        <Card title={t('competition.result.selections')}>
          <Selections result={result} />
        </Card>
        <Card title={t('competition.result.registrants')}>
          {result.method === 'comprehensive' && result.weights && (
            <Typography.Paragraph type="secondary">
              {t('competition.result.weights', result.weights)} {t('competition.result.scoreNote')}
            </Typography.Paragraph>
          )}
          <Registrants result={result} />
        </Card>
        {owner && <ObjectionsPanel announcementId={result.announcementId} />}
        {draw.data && draw.data.secret !== null && (
          <Card>
            <DrawVerification draw={draw.data} names={names} />
          </Card>
        )}
      </Flex>
    );
  }
  return (
    <div className={styles.container} style={{ paddingBlock: 24 }} data-testid="result-page">
      {body}
    </div>
  );
}

function Summary({ result }: { result: Result }) {
  const { t } = useTranslation();
  const failReason = result.failReason as keyof typeof failReasons | undefined;
  const failReasons = {
    too_few_eligible_registrants: t('competition.result.failReasons.too_few_eligible_registrants'),
    no_direct_choice: t('competition.result.failReasons.no_direct_choice'),
    no_registrant_remaining: t('competition.result.failReasons.no_registrant_remaining'),
  };
  return (
    <Card
      title={
        <Heading level={1} look={3} style={{ margin: 0, whiteSpace: 'normal' }}>
          {t('competition.result.title')} · {result.title}
        </Heading>
      }
    >
      <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
        <Descriptions.Item label={t('competition.opportunities.code')}>{result.code}</Descriptions.Item>
        <Descriptions.Item label={t('competition.opportunities.method')}>
          {t(`competition.methods.${result.method}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('competition.result.ceiling')}>{yuan(result.ceilingFen)}</Descriptions.Item>
        {result.statedPriceFen !== undefined && (
          <Descriptions.Item label={t('competition.result.statedPrice')}>
            {yuan(result.statedPriceFen)}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('competition.result.deadline')}>
          {formatDateTime(result.registrationDeadline)}
        </Descriptions.Item>
        <Descriptions.Item label={t('competition.registrations.announcementStatus')}>
          <Tag data-testid="result-status">{t(`competition.statuses.${result.status}`)}</Tag>
        </Descriptions.Item>
      </Descriptions>
      {result.status === 'failed' && (
        <Alert
          style={{ marginTop: 16 }}
          type="warning"
          showIcon
          message={t('competition.result.failed', {
            reason: failReason && failReason in failReasons ? failReasons[failReason] : result.failReason,
          })}
        />
      )}
      {result.status === 'closed' && result.chooseBy && (
        <Alert
          style={{ marginTop: 16 }}
          type="info"
          showIcon
          message={t('competition.result.awaitingChoice', { time: formatDateTime(result.chooseBy) })}
        />
      )}
    </Card>
  );
}

function Selections({ result }: { result: Result }) {
  const { t } = useTranslation();
  return (
    <Table
      rowKey="id"
      dataSource={result.selections}
      pagination={false}
      size="middle"
      scroll={{ x: 760 }}
      locale={{ emptyText: '—' }}
      data-testid="result-selections"
      columns={[
        { title: t('competition.result.winner'), dataIndex: 'winnerName' },
        {
          title: t('competition.result.dealPrice'),
          dataIndex: 'dealPriceFen',
          width: 140,
          align: 'right',
          render: (f?: number) => (f === undefined ? t('competition.result.dealPriceLater') : yuan(f)),
        },
        {
          title: t('competition.result.publicityEnds'),
          dataIndex: 'publicityEndsAt',
          width: 150,
          render: (d: string) => formatDateTime(d),
        },
        {
          title: t('competition.objections.status'),
          dataIndex: 'status',
          width: 110,
          render: (s: Result['selections'][number]['status']) => (
            <Tag color={s === 'voided' ? 'error' : s === 'awarded' ? 'success' : 'processing'}>
              {t(`competition.result.selectionStatus.${s}`)}
            </Tag>
          ),
        },
        { title: t('competition.result.reason'), dataIndex: 'reason', render: (r?: string) => r ?? '—' },
      ]}
    />
  );
}

function Registrants({ result }: { result: Result }) {
  const { t } = useTranslation();
  const quotes = result.method === 'lowest' || result.method === 'comprehensive';
  const scores = result.method === 'comprehensive';
  return (
    <Table<ResultRegistrant>
      rowKey="registrationId"
      dataSource={[...result.registrants].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9))}
      pagination={false}
      size="middle"
      scroll={{ x: 760 }}
      data-testid="result-registrants"
      columns={[
        { title: t('competition.result.rank'), dataIndex: 'rank', width: 70, render: (r?: number) => r ?? '—' },
        { title: t('competition.result.agency'), dataIndex: 'agencyName' },
        {
          title: t('competition.result.creditCode'),
          dataIndex: 'creditCode',
          width: 200,
          render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
        },
        {
          title: t('competition.result.eligible'),
          key: 'eligible',
          width: 140,
          render: (_, r) =>
            r.eligible ? (
              <Tag color="success">{t('competition.result.eligibleYes')}</Tag>
            ) : (
              <Tag color="error">
                {r.ineligibleReason
                  ? fieldErrorMessage(t, { reason: r.ineligibleReason, message: r.ineligibleReason })
                  : t('competition.registrations.ineligible')}
              </Tag>
            ),
        },
        ...(quotes
          ? [
              {
                title: t('competition.result.quote'),
                dataIndex: 'quoteFen',
                width: 130,
                align: 'right' as const,
                render: (f?: number) => yuan(f),
              },
            ]
          : []),
        ...(scores
          ? [
              {
                title: t('competition.result.priceScore'),
                dataIndex: 'priceScore',
                width: 100,
                align: 'right' as const,
                render: (s?: number) => points(s),
              },
              {
                title: t('competition.result.score'),
                dataIndex: 'score',
                width: 100,
                align: 'right' as const,
                render: (s?: number) => points(s),
              },
            ]
          : []),
      ]}
    />
  );
}
