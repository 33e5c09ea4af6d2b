import { useEffect } from 'react';
import { App, Button, Card, Form, InputNumber, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError';
import { errorMessage, showFieldErrors } from '../../lib/errors';
import { formatDateTime } from '../../lib/datetime';
import { useRedFlagSettings, useUpdateRedFlagSettings, type RedFlagSettingsInput } from './api';

// The thresholds, in the order of the rules; the server checks their ranges (the help says them)
// and answers a field error the form shows.
const fields: (keyof RedFlagSettingsInput)[] = [
  'concentrationSharePercent',
  'concentrationMinAwards',
  'nearCeilingPercent',
  'splittingNearPercent',
  'splittingWindowDays',
  'splittingMinCount',
];

/** 风险提示阈值: the thresholds of the red flag rules, kept by the platform admin. */
export function RedFlagSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: settings, error, refetch } = useRedFlagSettings();
  const update = useUpdateRedFlagSettings();
  const [form] = Form.useForm<RedFlagSettingsInput>();
  useEffect(() => {
    if (settings) form.setFieldsValue(settings);
  }, [settings, form]);
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  const submit = async (v: RedFlagSettingsInput) => {
    try {
      await update.mutateAsync(v);
      message.success(t('redflags.settings.saved'));
    } catch (e) {
      if (!showFieldErrors(form, t, e)) message.error(errorMessage(t, e));
    }
  };
  const required = { required: true, message: t('fieldReasons.required') };
  return (
    <Card
      loading={!settings}
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('redflags.settings.title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph type="secondary">
        {t('redflags.settings.lead')}
        {/* Until the first change the row's time is when the table was made, not a change. */}
        {settings &&
          ` ${
            settings.updatedBy
              ? t('redflags.settings.updatedAt', { at: formatDateTime(settings.updatedAt) })
              : t('redflags.settings.neverChanged')
          }`}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        style={{ maxWidth: 560 }}
        data-testid="red-flag-settings-form"
      >
        {fields.map((f) => (
          <Form.Item
            key={f}
            name={f}
            label={t(`redflags.settings.fields.${f}`)}
            extra={t(`redflags.settings.help.${f}`)}
            rules={[required]}
          >
            <InputNumber precision={0} style={{ width: 160 }} />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="red-flag-settings-save">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
