import { Card, Descriptions, Flex, Skeleton, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/labels';
import { QueryError } from '../../components/QueryError';
import { agencyDimensions, average, useAgencyCredit } from './api';

/** 信用分 and 评价: an agency's credit score with its breakdown and its rating averages, public. */
export function CreditCard({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const { data, error, isPending, refetch } = useAgencyCredit(orgId);
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (isPending) return <Skeleton active />;
  const b = data.breakdown;
  const r = data.ratings;
  return (
    <Card title={t('credit.title')} data-testid="agency-credit">
      <Flex vertical gap={16}>
        <Flex gap={32} wrap>
          <Statistic title={t('credit.score')} value={average(data.score)} data-testid="credit-score" />
          <Statistic
            title={t('credit.ratingOverall')}
            value={r.count > 0 ? average(r.overall) : '—'}
            suffix={<span data-testid="rating-count">{t('credit.ratingCount', { count: r.count })}</span>}
            data-testid="rating-overall"
          />
        </Flex>
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered title={t('credit.breakdown')}>
          <Descriptions.Item label={t('credit.assessment')}>{average(b.assessment)} / 70</Descriptions.Item>
          <Descriptions.Item label={t('credit.behaviour')}>
            {average(b.behaviour)} / 10
            <Typography.Text type="secondary">
              {' '}
              {t('credit.onTime', { onTime: b.contractsOnTime, completed: b.contractsCompleted })}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('credit.ratings')}>
            {average(b.ratings)} / 20
            <Typography.Text type="secondary"> {t('credit.ratingCount', { count: b.ratingCount })}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('credit.sanctions')}>
            −{average(b.sanctions)}
            <Typography.Text type="secondary">
              {' '}
              {t('credit.sanctionCount', { suspensions: b.suspensions, blacklistings: b.blacklistings })}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('credit.complaints')}>−{average(b.complaints)}</Descriptions.Item>
          <Descriptions.Item label={t('credit.computedAt')}>
            <DateTime value={data.computedAt} /> · {b.formula}
          </Descriptions.Item>
        </Descriptions>
        <Descriptions column={{ xs: 1, md: 3 }} size="small" bordered title={t('credit.averages')}>
          {agencyDimensions.map((d) => (
            <Descriptions.Item key={d} label={t(`rating.dimensions.${d}`)}>
              <span data-testid={`rating-average-${d}`}>{r.count > 0 ? average(r[d]) : '—'}</span>
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Flex>
    </Card>
  );
}
