import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateUser } from '../../api/hooks';
import type { CreateUserBody, Organisation } from '../../api/client';
import { assignableRoles } from '../../lib/roles';
import { errorMessage, showFieldErrors } from '../../lib/errors';
import { limits, newPasswordRules, normaliseUsername, requiredRule, usernameRules } from '../../lib/validators';
import { useRoleLabel } from '../../components/labels';
import { useCurrentSession } from './session';

/** Adds a user with a role of the organisation's kind and an initial password. */
export function AddUserModal({
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
  const session = useCurrentSession();
  const [form] = Form.useForm<CreateUserBody>();
  const create = useCreateUser(organisation.id);
  const roleLabel = useRoleLabel();
  const roleOptions = assignableRoles(session.user, organisation);
  // Staff is the usual case; make the more powerful role a deliberate choice.
  const defaultRole = roleOptions[roleOptions.length - 1];

  const onFinish = (body: CreateUserBody) =>
    create.mutate(body, {
      onSuccess: (user) => {
        void message.success(t('organisation.userCreated', { name: user.displayName }));
        onClose();
      },
      onError: (error) => {
        if (!showFieldErrors(form, t, error)) void message.error(errorMessage(t, error));
      },
    });

  return (
    <Modal
      open={open}
      title={t('organisation.addUserTitle', { name: organisation.name })}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => form.resetFields()}
      forceRender // keeps the form mounted, so `form` is always connected
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={create.isPending}
        initialValues={{ role: defaultRole }}
        data-testid="add-user-form"
      >
        <Form.Item
          name="username"
          label={t('organisation.username')}
          rules={usernameRules(t)}
          normalize={normaliseUsername}
        >
          <Input maxLength={limits.username} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('organisation.displayName')} rules={[requiredRule(t)]}>
          <Input maxLength={limits.displayName} />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('organisation.role')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select options={roleOptions.map((role) => ({ value: role, label: roleLabel(role) }))} />
        </Form.Item>
        <Form.Item name="password" label={t('organisation.password')} rules={newPasswordRules(t)}>
          <Input.Password maxLength={limits.password} autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
