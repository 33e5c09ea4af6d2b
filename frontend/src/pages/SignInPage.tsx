import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession, useSignIn } from '../api/hooks';
import type { SignInBody } from '../api/client';
import { signInErrorMessage } from '../lib/errors';
import { limits, requiredRule } from '../lib/validators';
import { CenteredCard } from './CenteredCard';

/** Only workspace paths are followed after sign-in, so ?next= cannot send people elsewhere. */
function safeNext(next: string | null): string {
  return next && /^\/workspace(\/|$)/.test(next) ? next : '/workspace';
}

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { data: session } = useSession();
  const signIn = useSignIn();
  const [error, setError] = useState<string>();
  const next = safeNext(params.get('next'));

  if (session && !signIn.isPending) return <Navigate to={next} replace />;

  const onFinish = (values: SignInBody) => {
    setError(undefined);
    signIn.mutate(values, {
      onSuccess: () => void navigate(next, { replace: true }),
      // One message for unknown user and wrong password: the server does not say which.
      onError: (e) => setError(signInErrorMessage(t, e)),
    });
  };

  return (
    <CenteredCard title={t('signin.title')} lead={t('signin.lead')}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="signin-error" />}
      <Form layout="vertical" requiredMark={false} onFinish={onFinish} disabled={signIn.isPending}>
        <Form.Item name="username" label={t('signin.username')} rules={[requiredRule(t)]}>
          <Input
            prefix={<UserOutlined />}
            autoComplete="username"
            autoFocus
            maxLength={limits.username}
            data-testid="signin-username"
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('signin.password')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="signin-password" />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={signIn.isPending}
          data-testid="signin-submit"
        >
          {t('signin.submit')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
        {t('signin.noAccount')} <Link to="/signup/agency">{t('signin.signUpLink')}</Link>
      </Typography.Paragraph>
    </CenteredCard>
  );
}
