import { useEffect } from 'react';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUpdateOrganisation } from '../../api/organisationAdmin';
import type { Organisation, OrganisationUpdate } from '../../api/client';
import { errorMessage, showFieldErrors } from '../../lib/errors';
import { creditCodeRules, limits, normaliseCreditCode, organisationNameRules } from '../../lib/validators';

/** The platform admin corrects an organisation's registered name and credit code (recorded). */
export function EditOrganisationModal({
  organisation,
  open,
  onClose,
}: {
  organisation: Organisation;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrganisationUpdate>();
  const update = useUpdateOrganisation(organisation.id);
  // Start from the stored values each time the dialog opens.
  useEffect(() => {
    if (open) form.setFieldsValue({ name: organisation.name, creditCode: organisation.creditCode });
  }, [open, organisation, form]);

  const onFinish = (body: OrganisationUpdate) => {
    if (body.name.trim() === organisation.name && body.creditCode === organisation.creditCode) {
      void message.info(t('orgAdmin.unchanged'));
      onClose();
      return;
    }
    update.mutate(body, {
      onSuccess: () => {
        void message.success(t('orgAdmin.saved'));
        onClose();
      },
      onError: (error) => {
        if (!showFieldErrors(form, t, error)) void message.error(errorMessage(t, error));
      },
    });
  };

  return (
    <Modal
      open={open}
      title={t('orgAdmin.editTitle', { name: organisation.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => form.resetFields()}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('orgAdmin.editLead')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={update.isPending}
        initialValues={{ name: organisation.name, creditCode: organisation.creditCode }}
        name="edit-organisation"
        data-testid="edit-organisation-form"
      >
        <Form.Item name="name" label={t('orgAdmin.name')} rules={organisationNameRules(t)}>
          <Input maxLength={limits.organisationName} />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t('organisations.creditCode')}
          rules={creditCodeRules(t)}
          normalize={normaliseCreditCode}
          validateDebounce={300}
        >
          <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
