import { App, Button, Card, Col, Descriptions, Form, Input, Radio, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useChangePassword } from '../../api/hooks';
import type { ChangePasswordBody } from '../../api/client';
import { currentLanguage, languages, type Language } from '../../i18n';
import { errorMessage, showFieldErrors } from '../../lib/errors';
import { confirmPasswordRules, limits, newPasswordRules } from '../../lib/validators';
import { useRoleLabel } from '../../components/labels';
import { useSwitchLanguage } from '../../components/LanguageSwitch';
import { useCurrentSession } from './session';

type PasswordValues = ChangePasswordBody & { confirmPassword: string };

/** 账户: profile, password and language preference of the signed-in user. */
export function AccountPage() {
  const { t } = useTranslation();
  const { user, organisation } = useCurrentSession();
  const roleLabel = useRoleLabel();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Card
          title={
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('account.profile')}
            </Typography.Title>
          }
        >
          <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
            <Descriptions.Item label={t('workspace.name')}>{user.displayName}</Descriptions.Item>
            <Descriptions.Item label={t('workspace.username')}>{user.username}</Descriptions.Item>
            <Descriptions.Item label={t('workspace.role')}>{roleLabel(user.role)}</Descriptions.Item>
            <Descriptions.Item label={t('workspace.organisation')}>{organisation.name}</Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <ChangePasswordCard />
      </Col>
      <Col xs={24} lg={10}>
        <LanguageCard />
      </Col>
    </Row>
  );
}

/** The password form; `onChanged` runs after a successful change. */
export function ChangePasswordCard({
  title,
  currentLabel,
  onChanged,
}: { title?: string; currentLabel?: string; onChanged?: () => void } = {}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const change = useChangePassword();

  const onFinish = ({ currentPassword, newPassword }: PasswordValues) =>
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          void message.success(t('account.passwordChanged'));
          form.resetFields();
          onChanged?.();
        },
        onError: (error) => {
          if (!showFieldErrors(form, t, error)) void message.error(errorMessage(t, error));
        },
      },
    );

  return (
    <Card title={title ?? t('account.changePassword')} style={{ height: '100%' }}>
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={change.isPending}
        data-testid="change-password-form"
      >
        <Form.Item
          name="currentPassword"
          label={currentLabel ?? t('account.currentPassword')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('account.newPassword')} rules={newPasswordRules(t)}>
          <Input.Password maxLength={limits.password} autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('account.confirmPassword')}
          dependencies={['newPassword']}
          rules={confirmPasswordRules(t, 'newPassword')}
        >
          <Input.Password maxLength={limits.password} autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}

function LanguageCard() {
  const { t } = useTranslation();
  const switchLanguage = useSwitchLanguage();
  return (
    <Card title={t('account.languageTitle')} style={{ height: '100%' }}>
      <Typography.Paragraph type="secondary">{t('account.languageHelp')}</Typography.Paragraph>
      <Radio.Group
        value={currentLanguage()}
        onChange={(e) => void switchLanguage(e.target.value as Language)}
        optionType="button"
        buttonStyle="solid"
        data-testid="account-language"
        options={languages.map((l) => ({ value: l, label: <span lang={l}>{t(`language.${l}`)}</span> }))}
      />
    </Card>
  );
}
