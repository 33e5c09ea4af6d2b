import { useEffect, useMemo } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrorMessage, showFieldErrors } from '../../lib/errors';
import { fieldErrors, isApiError } from '../../api/problem';
import { toFen, useRegister, yuan } from './api';

/** What the registration form needs to know of the announcement. */
export interface RegistrationTarget {
  id: number;
  title: string;
  method: 'direct' | 'random' | 'lowest' | 'comprehensive';
  ceilingFen: number;
  statedPriceFen?: number;
  /** A quote under this needs a justification (the rules' abnormal-low line). */
  abnormalLowFen?: number;
  quoteFen?: number;
  justification?: string;
}

const usesQuotes = (method: RegistrationTarget['method']) => method === 'lowest' || method === 'comprehensive';

interface Values {
  quoteFen?: string;
  justification?: string;
}

/** 报名 with a sealed quote: explains the seal, asks for a justification under the low line. */
export function RegistrationModal({ target, onClose }: { target: RegistrationTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const register = useRegister();
  // One key per opened form: a retried submit of the same answer is recognised by the server.
  const key = useMemo(() => (target ? crypto.randomUUID() : ''), [target]);
  const quoteText = Form.useWatch('quoteFen', form);
  const quote = toFen(quoteText);
  const low = target?.abnormalLowFen ?? Math.floor(((target?.ceilingFen ?? 0) * 50) / 100);
  const needsJustification = !!target && usesQuotes(target.method) && quote !== undefined && quote < low;

  useEffect(() => {
    if (target)
      form.setFieldsValue({
        quoteFen: target.quoteFen ? (target.quoteFen / 100).toFixed(2) : undefined,
        justification: target.justification,
      });
  }, [target, form]);

  if (!target) return null;
  const submit = async () => {
    const values = await form.validateFields();
    const body = usesQuotes(target.method)
      ? { quoteFen: toFen(values.quoteFen), justification: needsJustification ? values.justification : undefined }
      : {};
    register.mutate(
      { id: target.id, body, key },
      {
        onSuccess: () => {
          void message.success(t('competition.registration.done'));
          form.resetFields();
          onClose();
        },
        onError: (error) => {
          if (showFieldErrors(form, t, error)) return;
          const reasons =
            isApiError(error) && error.problem ? fieldErrors(error.problem).map((f) => fieldErrorMessage(t, f)) : [];
          void message.error([errorMessage(t, error), ...reasons].join(' '));
        },
      },
    );
  };
  return (
    <Modal
      open
      title={t('competition.registration.title', { title: target.title })}
      okText={t('competition.registration.submit')}
      onOk={() => void submit()}
      confirmLoading={register.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        icon={<LockOutlined />}
        message={t('competition.registration.sealed')}
        style={{ marginBottom: 16 }}
        data-testid="sealed-quote-explanation"
      />
      {usesQuotes(target.method) ? (
        <Form form={form} layout="vertical" requiredMark={false}>
          <Form.Item
            name="quoteFen"
            label={t('competition.registration.quote')}
            extra={t('competition.registration.quoteHelp', { ceiling: yuan(target.ceilingFen), low: yuan(low) })}
            rules={[
              { required: true, message: t('fieldReasons.quote_required') },
              {
                validator: (_, v: string | undefined) => {
                  const fen = toFen(v);
                  if (v && (fen === undefined || fen <= 0)) return Promise.reject(t('fieldReasons.quote_positive'));
                  if (fen !== undefined && fen > target.ceilingFen)
                    return Promise.reject(t('fieldReasons.quote_over_ceiling'));
                  return Promise.resolve();
                },
              },
            ]}
          >
            <Input inputMode="decimal" autoComplete="off" data-testid="quote-input" />
          </Form.Item>
          {needsJustification && (
            <Form.Item
              name="justification"
              label={t('competition.registration.justification')}
              extra={t('competition.registration.justificationHelp')}
              rules={[{ required: true, whitespace: true, message: t('fieldReasons.justification_required') }]}
            >
              <Input.TextArea rows={4} maxLength={2000} showCount />
            </Form.Item>
          )}
        </Form>
      ) : (
        <Form form={form}>
          <p>
            {t('competition.registration.noQuote', {
              method: t(`competition.methods.${target.method}`),
              price: yuan(target.statedPriceFen ?? target.ceilingFen),
            })}
          </p>
        </Form>
      )}
    </Modal>
  );
}
