import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage, showFieldErrors } from '../../lib/errors';
import { useFileObjection } from './api';

/** 质疑: a registrant's objection to a selection in publicity. */
export function ObjectionModal({ selectionId, onClose }: { selectionId: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ grounds: string }>();
  const file = useFileObjection();
  if (selectionId === null) return null;
  const submit = async () => {
    const { grounds } = await form.validateFields();
    file.mutate(
      { selectionId, grounds },
      {
        onSuccess: () => {
          void message.success(t('competition.objection.done'));
          onClose();
        },
        onError: (error) => {
          if (!showFieldErrors(form, t, error)) void message.error(errorMessage(t, error));
        },
      },
    );
  };
  return (
    <Modal
      open
      title={t('competition.objection.title')}
      okText={t('competition.objection.submit')}
      onOk={() => void submit()}
      confirmLoading={file.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="grounds"
          label={t('competition.objection.grounds')}
          extra={t('competition.objection.groundsHelp')}
          rules={[{ required: true, whitespace: true, min: 10, max: 5000, message: t('fieldReasons.grounds_length') }]}
        >
          <Input.TextArea rows={6} maxLength={5000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
