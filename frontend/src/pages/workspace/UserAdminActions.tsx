import { useEffect, useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useChangeRole, useResetPassword } from '../../api/organisationAdmin';
import type { Organisation, PasswordReset, User } from '../../api/client';
import { rolesForKind } from '../../lib/roles';
import { errorMessage, showFieldErrors } from '../../lib/errors';
import { limits, newPasswordRules } from '../../lib/validators';
import { useRoleLabel } from '../../components/labels';

/** The platform admin's buttons on a user row: reset the password, change the role. */
export function UserAdminActions({ user, organisation }: { user: User; organisation: Organisation }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'password' | 'role' | null>(null);
  const roleChoices = rolesForKind(organisation.kind);
  return (
    <>
      <Button size="small" onClick={() => setOpen('password')} data-testid={`reset-password-${user.username}`}>
        {t('orgAdmin.resetPassword')}
      </Button>
      {roleChoices.length > 1 && (
        <Button size="small" onClick={() => setOpen('role')} data-testid={`change-role-${user.username}`}>
          {t('orgAdmin.changeRole')}
        </Button>
      )}
      {/* Mounted only while open: one dialog on the page, not one per user row. */}
      {open === 'password' && <ResetPasswordModal user={user} open onClose={() => setOpen(null)} />}
      {open === 'role' && (
        <ChangeRoleModal user={user} organisation={organisation} open onClose={() => setOpen(null)} />
      )}
    </>
  );
}

type ResetValues = { mode: 'generate' | 'set'; password?: string };

function ResetPasswordModal({ user, open, onClose }: { user: User; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ResetValues>();
  const reset = useResetPassword();
  const [shown, setShown] = useState<string | null>(null);
  const mode = Form.useWatch('mode', form);

  const onFinish = ({ mode, password }: ResetValues) => {
    const body: PasswordReset = mode === 'generate' ? { generate: true } : { password };
    reset.mutate(
      { user, body },
      {
        onSuccess: (out) => setShown(out.password),
        onError: (error) => {
          if (!showFieldErrors(form, t, error)) void message.error(errorMessage(t, error));
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('orgAdmin.resetTitle', { name: user.displayName })}
      okText={shown ? t('orgAdmin.done') : t('orgAdmin.resetPassword')}
      cancelText={t('common.cancel')}
      cancelButtonProps={{ style: shown ? { display: 'none' } : undefined }}
      okButtonProps={{ danger: !shown, ...{ 'data-testid': 'reset-password-ok' } }}
      confirmLoading={reset.isPending}
      onOk={() => (shown ? onClose() : form.submit())}
      onCancel={onClose}
      afterClose={() => {
        form.resetFields();
        setShown(null);
      }}
      forceRender
    >
      {shown ? (
        <Flex vertical gap={12} data-testid="reset-password-result">
          <Alert type="success" showIcon message={t('orgAdmin.resetDone')} />
          <Typography.Text>{t('orgAdmin.resetShowOnce', { name: user.displayName })}</Typography.Text>
          <Typography.Text code copyable style={{ fontSize: 18 }} data-testid="temporary-password">
            {shown}
          </Typography.Text>
        </Flex>
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('orgAdmin.resetLead')}</Typography.Paragraph>
          <Form
            form={form}
            layout="vertical"
            onFinish={onFinish}
            disabled={reset.isPending}
            initialValues={{ mode: 'generate' }}
            name="reset-password"
            data-testid="reset-password-form"
          >
            <Form.Item name="mode">
              <Radio.Group
                options={[
                  { value: 'generate', label: t('orgAdmin.resetGenerate') },
                  { value: 'set', label: t('orgAdmin.resetSet') },
                ]}
              />
            </Form.Item>
            {mode === 'set' && (
              <Form.Item name="password" label={t('orgAdmin.temporaryPassword')} rules={newPasswordRules(t)}>
                <Input.Password maxLength={limits.password} autoComplete="new-password" />
              </Form.Item>
            )}
          </Form>
        </>
      )}
    </Modal>
  );
}

function ChangeRoleModal({
  user,
  organisation,
  open,
  onClose,
}: {
  user: User;
  organisation: Organisation;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ role: string }>();
  const change = useChangeRole();
  const roleLabel = useRoleLabel();
  useEffect(() => {
    if (open) form.setFieldsValue({ role: user.role });
  }, [open, user.role, form]);

  const onFinish = ({ role }: { role: string }) =>
    change.mutate(
      { user, body: { role: role as User['role'] } },
      {
        onSuccess: (updated) => {
          void message.success(t('orgAdmin.roleChanged', { name: updated.displayName, role: roleLabel(updated.role) }));
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
      title={t('orgAdmin.roleTitle', { name: user.displayName })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={change.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => form.resetFields()}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('orgAdmin.roleLead')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={change.isPending}
        initialValues={{ role: user.role }}
        name="change-role"
        data-testid="change-role-form"
      >
        <Form.Item
          name="role"
          label={t('organisation.role')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select options={rolesForKind(organisation.kind).map((r) => ({ value: r, label: roleLabel(r) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
