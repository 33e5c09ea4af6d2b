import { useEffect } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError';
import { errorMessage, showFieldErrors } from '../../lib/errors';
import { formatDateTime } from '../../lib/datetime';
import { fenToYuanText, yuanToFen } from '../../lib/money';
import { useRules, useUpdateRules, type RulesInput } from './api';

const counts = [
  'minRegistrants',
  'minRegistrantsDirect',
  'registrationWorkdays',
  'directChoiceWorkdays',
  'publicityWorkdays',
  'objectionAnswerWorkdays',
  'complaintAnswerWorkdays',
  'contractRegisterWorkdays',
  'abnormalLowPercent',
] as const;

type Values = Omit<RulesInput, 'directLimitFen' | 'maxCeilingFen'> & { directLimitFen: string; maxCeilingFen: string };

/** 交易规则: the marketplace rules the platform admin keeps. */
export function RulesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: rules, error, refetch } = useRules();
  const update = useUpdateRules();
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    if (rules)
      form.setFieldsValue({
        ...rules,
        directLimitFen: fenToYuanText(rules.directLimitFen),
        maxCeilingFen: fenToYuanText(rules.maxCeilingFen),
      });
  }, [rules, form]);
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  const submit = async (v: Values) => {
    try {
      await update.mutateAsync({
        ...v,
        directLimitFen: yuanToFen(v.directLimitFen) ?? 0,
        maxCeilingFen: yuanToFen(v.maxCeilingFen) ?? 0,
      });
      message.success(t('procurement.rules.saved'));
    } catch (e) {
      if (!showFieldErrors(form, t, e)) message.error(errorMessage(t, e));
    }
  };
  const required = { required: true, message: t('fieldReasons.required') };
  return (
    <Card
      loading={!rules}
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('procurement.rules.title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph type="secondary">
        {t('procurement.rules.help')}
        {rules && ` ${t('procurement.rules.updatedAt', { at: formatDateTime(rules.updatedAt) })}`}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        style={{ maxWidth: 560 }}
        data-testid="rules-form"
      >
        <Form.Item name="directLimitFen" label={t('procurement.rules.directLimitFen')} rules={[required]}>
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="maxCeilingFen" label={t('procurement.rules.maxCeilingFen')} rules={[required]}>
          <Input inputMode="decimal" />
        </Form.Item>
        {counts.map((c) => (
          <Form.Item key={c} name={c} label={t(`procurement.rules.${c}`)} rules={[required]}>
            <InputNumber min={1} max={120} precision={0} style={{ width: 160 }} />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="rules-save">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
