import { useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Space } from 'antd';
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Decision } from '../../../api/client';
import { errorMessage, showFieldErrors } from '../../../lib/errors';
import { requiredRule } from '../../../lib/validators';

/**
 * Approve (after a confirmation) or reject (with a reason the agency will read). `decide`
 * sends the decision and resolves when it is recorded. `approve` and `reject` say which of
 * the two to show: those the object's `actions` offer.
 */
export function DecisionButtons({
  subject,
  decide,
  approveLabel,
  rejectLabel,
  approve = true,
  reject = true,
  approveDisabled,
  testId,
  size = 'middle',
}: {
  /** What is decided, named for the dialogs ("资质 · 测绘资质 …"). */
  subject: string;
  decide: (decision: Decision) => Promise<unknown>;
  approveLabel?: string;
  rejectLabel?: string;
  approve?: boolean;
  reject?: boolean;
  approveDisabled?: boolean;
  testId: string;
  size?: 'small' | 'middle' | 'large';
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState<'approve' | 'reject'>();

  const send = async (decision: Decision) => {
    setBusy(decision.decision);
    try {
      await decide(decision);
      void message.success(decision.decision === 'approve' ? t('review.approvedMessage') : t('review.rejectedMessage'));
      return true;
    } catch (error) {
      if (!(decision.decision === 'reject' && showFieldErrors(form, t, error)))
        void message.error(errorMessage(t, error));
      return false;
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Space wrap>
      {approve && (
        <Popconfirm
          title={approveLabel ?? t('common.approve')}
          description={subject}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          disabled={approveDisabled}
          onConfirm={() => send({ decision: 'approve', reason: '' })}
        >
          <Button
            type="primary"
            size={size}
            icon={<CheckOutlined />}
            disabled={approveDisabled}
            loading={busy === 'approve'}
            data-testid={`${testId}-approve`}
          >
            {approveLabel ?? t('common.approve')}
          </Button>
        </Popconfirm>
      )}
      {reject && (
        <Button
          danger
          size={size}
          icon={<RollbackOutlined />}
          loading={busy === 'reject'}
          onClick={() => setRejecting(true)}
          data-testid={`${testId}-reject`}
        >
          {rejectLabel ?? t('common.reject')}
        </Button>
      )}
      <Modal
        open={rejecting}
        title={t('review.rejectTitle', { subject })}
        okText={rejectLabel ?? t('common.reject')}
        okButtonProps={{ danger: true, loading: busy === 'reject' }}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setRejecting(false)}
        afterClose={() => form.resetFields()}
        forceRender
      >
        <Form
          form={form}
          layout="vertical"
          name={`${testId}-reject`}
          data-testid={`${testId}-reject-form`}
          onFinish={async ({ reason }) => {
            if (await send({ decision: 'reject', reason })) setRejecting(false);
          }}
        >
          <Form.Item name="reason" label={t('review.reason')} extra={t('review.reasonHelp')} rules={[requiredRule(t)]}>
            <Input.TextArea rows={4} maxLength={1000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
