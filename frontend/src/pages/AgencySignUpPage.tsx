import { App, Button, Col, Divider, Form, Input, Result, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAgencySignUp } from '../api/hooks';
import type { AgencySignUpBody, AgencySignUpResult } from '../api/client';
import { errorMessage, showFieldErrors } from '../lib/errors';
import {
  confirmPasswordRules,
  creditCodeRules,
  limits,
  newPasswordRules,
  normaliseCreditCode,
  normaliseUsername,
  organisationNameRules,
  phoneRules,
  requiredRule,
  usernameRules,
} from '../lib/validators';
import { RegionSelect } from '../components/regions';
import { CenteredCard } from './CenteredCard';
import { ButtonLink } from '../components/ButtonLink';

type Values = AgencySignUpBody & { confirmPassword: string };

/** 中介机构入驻: an agency applies to join; a regulator reviews it later. */
export function AgencySignUpPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const signUp = useAgencySignUp();

  if (signUp.isSuccess) return <Submitted result={signUp.data} />;

  const onFinish = ({ confirmPassword: _, ...body }: Values) => {
    signUp.mutate(body, {
      onError: (error) => {
        if (!showFieldErrors(form, t, error)) void message.error(errorMessage(t, error));
      },
    });
  };

  return (
    <CenteredCard title={t('signup.title')} lead={t('signup.lead')} width={760}>
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={signUp.isPending}
        scrollToFirstError
        data-testid="agency-signup-form"
      >
        <Divider orientation="left" orientationMargin={0}>
          {t('signup.organisationSection')}
        </Divider>
        <Form.Item name="organisationName" label={t('signup.organisationName')} rules={organisationNameRules(t)}>
          <Input maxLength={limits.organisationName} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item
              name="creditCode"
              label={t('signup.creditCode')}
              extra={t('signup.creditCodeHelp')}
              rules={creditCodeRules(t)}
              normalize={normaliseCreditCode}
              validateDebounce={300}
            >
              <Input
                maxLength={18}
                style={{ fontFamily: 'monospace', letterSpacing: 1 }}
                data-testid="signup-credit-code"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item
              name="regionCode"
              label={t('signup.regionCode')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <RegionSelect />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" orientationMargin={0}>
          {t('signup.contactSection')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="contactName" label={t('signup.contactName')} rules={[requiredRule(t)]}>
              <Input maxLength={limits.contactName} autoComplete="name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contactPhone" label={t('signup.contactPhone')} rules={phoneRules(t)}>
              <Input maxLength={limits.contactPhone} autoComplete="tel" />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" orientationMargin={0}>
          {t('signup.accountSection')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="username"
              label={t('signup.username')}
              extra={t('signup.usernameHelp')}
              rules={usernameRules(t)}
              normalize={normaliseUsername}
            >
              <Input maxLength={limits.username} autoComplete="username" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="displayName" label={t('signup.displayName')} rules={[requiredRule(t)]}>
              <Input maxLength={limits.displayName} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="password" label={t('signup.password')} rules={newPasswordRules(t)}>
              <Input.Password maxLength={limits.password} autoComplete="new-password" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="confirmPassword"
              label={t('signup.confirmPassword')}
              dependencies={['password']}
              rules={confirmPasswordRules(t, 'password')}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" size="large" loading={signUp.isPending} data-testid="signup-submit">
          {t('signup.submit')}
        </Button>
      </Form>
    </CenteredCard>
  );
}

function Submitted({ result }: { result: AgencySignUpResult }) {
  const { t } = useTranslation();
  return (
    <CenteredCard width={640}>
      {/* antd's Result does not pass data-* attributes through. */}
      <div data-testid="signup-submitted" data-organisation-id={result.organisationId}>
        <Result
          status="success"
          title={t('signup.successTitle')}
          subTitle={t('signup.successBody')}
          extra={[
            <ButtonLink key="signin" to="/signin" type="primary">
              {t('common.signIn')}
            </ButtonLink>,
            <ButtonLink key="home" to="/">
              {t('common.backHome')}
            </ButtonLink>,
          ]}
        />
      </div>
    </CenteredCard>
  );
}
