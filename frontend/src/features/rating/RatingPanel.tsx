import { App, Button, Card, Descriptions, Flex, Form, Input, Rate, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/labels';
import { QueryError } from '../../components/QueryError';
import { errorMessage, showFieldErrors } from '../../lib/errors';
import {
  agencyDimensions,
  average,
  ownerDimensions,
  useContractRatings,
  useRateAgency,
  useRateOwner,
  type AgencyRatingInput,
  type OwnerRatingInput,
} from './api';

type Scores = Record<string, number | string | undefined>;

/** The given scores of one side's rating, read-only. */
function GivenRating({ dims, rating }: { dims: readonly string[]; rating: Scores }) {
  const { t } = useTranslation();
  return (
    <Descriptions column={1} size="small" bordered>
      {dims.map((d) => (
        <Descriptions.Item key={d} label={t(`rating.dimensions.${d}` as 'rating.dimensions.quality')}>
          <Rate disabled value={Number(rating[d])} />
        </Descriptions.Item>
      ))}
      {rating.comment ? (
        <Descriptions.Item label={t('rating.comment')}>
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
            {String(rating.comment)}
          </Typography.Paragraph>
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}

/** A rating form over dims (1–5 each) with a comment. */
function RatingForm({
  dims,
  testId,
  pending,
  onSubmit,
}: {
  dims: readonly string[];
  testId: string;
  pending: boolean;
  onSubmit: (values: Scores, form: ReturnType<typeof Form.useForm<Scores>>[0]) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Scores>();
  return (
    <Form form={form} layout="vertical" requiredMark={false} data-testid={testId} onFinish={(v) => onSubmit(v, form)}>
      {dims.map((d) => (
        <Form.Item
          key={d}
          name={d}
          label={t(`rating.dimensions.${d}` as 'rating.dimensions.quality')}
          rules={[{ required: true, message: t('rating.required') }]}
          style={{ marginBottom: 8 }}
        >
          <Rate data-testid={`${testId}-${d}`} />
        </Form.Item>
      ))}
      <Form.Item name="comment" label={t('rating.comment')}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={pending} data-testid={`${testId}-submit`}>
        {t('rating.submit')}
      </Button>
    </Form>
  );
}

/**
 * 评价: both sides' ratings of a completed contract. The owner rates the agency on five dimensions,
 * the agency the owner on three; each once, within the window; the forms appear only when the API
 * lists the action.
 */
export function RatingPanel({ contractId }: { contractId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data, error, isPending, refetch } = useContractRatings(contractId);
  const rateAgency = useRateAgency(contractId);
  const rateOwner = useRateOwner(contractId);
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (isPending) return <Skeleton active />;
  const actions = data.actions ?? [];
  const failed = (form: ReturnType<typeof Form.useForm<Scores>>[0]) => (e: unknown) => {
    if (!showFieldErrors(form, t, e)) void message.error(errorMessage(t, e));
  };
  const summary = data.ownerSummary;
  return (
    <Card title={t('rating.title')} data-testid="rating-panel">
      <Flex vertical gap={16}>
        {data.status !== 'completed' ? (
          <Typography.Text type="secondary">{t('rating.notYet')}</Typography.Text>
        ) : (
          data.closesAt && (
            <Typography.Text type="secondary">
              {t('rating.window')} <DateTime value={data.closesAt} />
            </Typography.Text>
          )
        )}
        <div>
          <Typography.Title level={5}>{t('rating.ofAgency')}</Typography.Title>
          {data.agencyRating ? (
            <div data-testid="agency-rating-given">
              <GivenRating dims={agencyDimensions} rating={data.agencyRating as unknown as Scores} />
            </div>
          ) : actions.includes('rateAgency') ? (
            <RatingForm
              dims={agencyDimensions}
              testId="rate-agency"
              pending={rateAgency.isPending}
              onSubmit={(v, form) =>
                rateAgency.mutate(
                  { ...(v as unknown as AgencyRatingInput), comment: String(v.comment ?? '') },
                  { onSuccess: () => void message.success(t('rating.done')), onError: failed(form) },
                )
              }
            />
          ) : (
            <Typography.Text type="secondary">{t('rating.none')}</Typography.Text>
          )}
        </div>
        <div>
          <Typography.Title level={5}>{t('rating.ofOwner')}</Typography.Title>
          {data.ownerRating ? (
            <div data-testid="owner-rating-given">
              <GivenRating dims={ownerDimensions} rating={data.ownerRating as unknown as Scores} />
            </div>
          ) : actions.includes('rateOwner') ? (
            <RatingForm
              dims={ownerDimensions}
              testId="rate-owner"
              pending={rateOwner.isPending}
              onSubmit={(v, form) =>
                rateOwner.mutate(
                  { ...(v as unknown as OwnerRatingInput), comment: String(v.comment ?? '') },
                  { onSuccess: () => void message.success(t('rating.done')), onError: failed(form) },
                )
              }
            />
          ) : (
            <Typography.Text type="secondary">{t('rating.none')}</Typography.Text>
          )}
        </div>
        <Typography.Text type="secondary" data-testid="owner-summary">
          {summary.count > 0
            ? t('rating.ownerSummary', {
                count: summary.count,
                overall: average(summary.overall),
                clarity: average(summary.clarity),
                cooperation: average(summary.cooperation),
                payment: average(summary.payment),
              })
            : t('rating.ownerSummaryNone')}
        </Typography.Text>
      </Flex>
    </Card>
  );
}
