import { App, Button, Card, DatePicker, Descriptions, Flex, Form, Result, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/datetime';
import { errorMessage, showFieldErrors } from '../../lib/errors';
import { can } from '../../lib/permissions';
import { useCurrentSession } from '../../pages/workspace/session';
import { useAdvanceClock, useTrainingClock, useTrainingClockOn, type ClockMove } from './api';
import { formatOffset, shanghaiInstant } from './offset';

const presets: { key: 'plusHour' | 'plusDay' | 'plusWorkingDay' | 'plusWeek'; move: ClockMove }[] = [
  { key: 'plusHour', move: { seconds: 3600 } },
  { key: 'plusDay', move: { seconds: 86400 } },
  { key: 'plusWorkingDay', move: { workingDays: 1 } },
  { key: 'plusWeek', move: { seconds: 7 * 86400 } },
];

/**
 * 培训时钟: on a training or test system the platform admin moves the marketplace clock
 * forward, to walk an announcement through its deadlines. It never moves back.
 */
export function TrainingClockPage() {
  const { t } = useTranslation();
  const on = useTrainingClockOn();
  const session = useCurrentSession();
  const { data, error, refetch, isPending } = useTrainingClock(on);
  const advance = useAdvanceClock();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ to?: Dayjs }>();
  const mayMove = can(session, 'trainingClock.advance');

  if (!on) return <Result status="info" title={t('trainingClock.title')} subTitle={t('trainingClock.off')} />;

  const move = (body: ClockMove) =>
    advance.mutate(body, {
      onSuccess: (st) => {
        form.resetFields();
        void message.success(t('trainingClock.moved', { time: formatDateTime(st.marketplaceTime) }));
      },
      onError: (err) => {
        if (!showFieldErrors(form, t, err)) void message.error(errorMessage(t, err));
      },
    });

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('trainingClock.title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph type="secondary">{t('trainingClock.lead')}</Typography.Paragraph>
      {error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <Descriptions
          column={1}
          size="small"
          bordered
          style={{ marginBottom: 16 }}
          data-testid="clock-status"
          items={[
            { key: 'real', label: t('trainingClock.realTime'), children: data ? formatDateTime(data.realTime) : '…' },
            {
              key: 'market',
              label: t('trainingClock.marketplaceTime'),
              children: <span data-testid="marketplace-time">{data ? formatDateTime(data.marketplaceTime) : '…'}</span>,
            },
            {
              key: 'offset',
              label: t('trainingClock.offset'),
              children: <span data-testid="clock-offset">{data ? formatOffset(t, data.offsetSeconds) : '…'}</span>,
            },
          ]}
        />
      )}
      {mayMove && (
        <>
          <Typography.Title level={5}>{t('trainingClock.presets')}</Typography.Title>
          <Flex gap={8} wrap style={{ marginBottom: 16 }}>
            {presets.map((p) => (
              <Button
                key={p.key}
                disabled={isPending}
                loading={advance.isPending && advance.variables === p.move}
                onClick={() => move(p.move)}
                data-testid={`clock-${p.key}`}
              >
                {t(`trainingClock.${p.key}`)}
              </Button>
            ))}
          </Flex>
          <Typography.Title level={5}>{t('trainingClock.moveTo')}</Typography.Title>
          <Form
            form={form}
            layout="vertical"
            onFinish={(v) => v.to && move({ to: shanghaiInstant(v.to) })}
            style={{ maxWidth: 360 }}
          >
            <Form.Item
              name="to"
              label={t('trainingClock.to')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                data-testid="clock-to"
              />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={advance.isPending} data-testid="clock-move">
                {t('trainingClock.move')}
              </Button>
            </Form.Item>
          </Form>
        </>
      )}
    </Card>
  );
}
