import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Modal, Radio } from 'antd';
import { StopOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useImposeSanction, useLiftSanction } from '../../../api/hooks';
import type { Sanction, SanctionInput } from '../../../api/client';
import { SanctionTable } from '../../../components/SanctionTable';
import { errorMessage, showFieldErrors } from '../../../lib/errors';
import { endOfDayInShanghai } from '../../../lib/datetime';
import { offers } from '../../../lib/permissions';
import { requiredRule } from '../../../lib/validators';

/**
 * An agency's sanctions, newest first; regulators impose and lift them here. The impose button
 * shows when the application offers "sanction" (a regulator, an approved agency), a lift button
 * on each sanction that offers "lift" (in force; its imposer or the government service bureau).
 */
export function SanctionsCard({
  orgId,
  orgName,
  sanctions,
  canSanction,
}: {
  orgId: number;
  orgName: string;
  sanctions: readonly Sanction[];
  canSanction: boolean;
}) {
  const { t } = useTranslation();
  const [imposing, setImposing] = useState(false);
  const [lifting, setLifting] = useState<Sanction>();
  return (
    <Card
      title={t('directory.sanctionsSection')}
      extra={
        canSanction && (
          <Button danger icon={<StopOutlined />} onClick={() => setImposing(true)} data-testid="impose-sanction">
            {t('sanction.impose')}
          </Button>
        )
      }
    >
      <SanctionTable
        sanctions={sanctions}
        liftDetails
        scrollX={900}
        testId="sanctions-table"
        actions={
          sanctions.some((s) => offers(s, 'lift'))
            ? (s) =>
                offers(s, 'lift') && (
                  <Button size="small" onClick={() => setLifting(s)} data-testid={`lift-sanction-${s.id}`}>
                    {t('sanction.lift')}
                  </Button>
                )
            : undefined
        }
      />
      {canSanction && (
        <ImposeModal orgId={orgId} orgName={orgName} open={imposing} onClose={() => setImposing(false)} />
      )}
      {sanctions.some((s) => offers(s, 'lift')) && (
        <LiftModal orgId={orgId} sanction={lifting} onClose={() => setLifting(undefined)} />
      )}
    </Card>
  );
}

// endsAt is the day the regulator picks; the server gets the instant that day ends.
type ImposeValues = Omit<SanctionInput, 'endsAt'> & { endsAt?: Dayjs };

function ImposeModal({
  orgId,
  orgName,
  open,
  onClose,
}: {
  orgId: number;
  orgName: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ImposeValues>();
  const impose = useImposeSanction(orgId);
  const kind = Form.useWatch('kind', form);

  const onFinish = ({ endsAt, ...rest }: ImposeValues) =>
    impose.mutate(
      { ...rest, endsAt: endsAt ? endOfDayInShanghai(endsAt) : undefined },
      {
        onSuccess: () => {
          void message.success(t('sanction.imposed'));
          onClose();
        },
        onError: (error) => {
          if (!showFieldErrors(form, t, error)) void message.error(errorMessage(t, error));
        },
      },
    );

  return (
    <Modal
      open={open}
      title={t('sanction.imposeTitle', { name: orgName })}
      okText={t('sanction.impose')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={impose.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => form.resetFields()}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={impose.isPending}
        initialValues={{ kind: 'suspension' }}
        name="sanction"
        data-testid="sanction-form"
      >
        <Form.Item name="kind" label={t('sanction.kind')} rules={[{ required: true, message: t('common.required') }]}>
          <Radio.Group
            optionType="button"
            options={(['suspension', 'blacklist'] as const).map((k) => ({ value: k, label: t(`sanctionKinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('sanction.reason')}
          rules={[requiredRule(t), { min: 2, message: t('fieldReasons.length') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        <Form.Item
          name="legalBasis"
          label={t('sanction.legalBasis')}
          extra={t('sanction.legalBasisHelp')}
          rules={[requiredRule(t), { min: 2, message: t('fieldReasons.length') }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item
          name="endsAt"
          label={t('sanction.endsOn')}
          extra={t('sanction.endsOnHelp')}
          dependencies={['kind']}
          rules={[
            {
              required: kind === 'suspension',
              message: t('fieldReasons.ends_at_required'),
            },
          ]}
        >
          <DatePicker
            style={{ width: '100%' }}
            format="YYYY-MM-DD"
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            data-testid="sanction-ends-on"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function LiftModal({ orgId, sanction, onClose }: { orgId: number; sanction?: Sanction; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const lift = useLiftSanction(orgId);
  return (
    <Modal
      open={!!sanction}
      title={t('sanction.liftTitle')}
      okText={t('sanction.lift')}
      cancelText={t('common.cancel')}
      confirmLoading={lift.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => form.resetFields()}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        name="lift-sanction"
        data-testid="lift-form"
        onFinish={({ reason }) =>
          sanction &&
          lift.mutate(
            { id: sanction.id, reason },
            {
              onSuccess: () => {
                void message.success(t('sanction.lifted'));
                onClose();
              },
              onError: (error) => {
                if (!showFieldErrors(form, t, error)) void message.error(errorMessage(t, error));
              },
            },
          )
        }
      >
        <Form.Item name="reason" label={t('sanction.liftReason')} rules={[requiredRule(t)]}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
