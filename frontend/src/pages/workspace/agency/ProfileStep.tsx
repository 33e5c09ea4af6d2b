import { useEffect } from 'react';
import { Alert, App, Button, Col, Descriptions, Form, Input, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUpdateProfile } from '../../../api/hooks';
import type { Application, ProfileInput } from '../../../api/client';
import { errorMessage, showFieldErrors } from '../../../lib/errors';
import { limits, phoneRules, requiredRule } from '../../../lib/validators';
import { isUnderReview } from '../../../lib/application';
import { useRegionLabel } from '../../../components/regions';

/** 基本信息: who the agency is. Name, credit code and region come from the sign-up. */
export function ProfileStep({ app }: { app: Application }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProfileInput>();
  const update = useUpdateProfile(app.organisation.id);
  const regionLabel = useRegionLabel();
  const locked = isUnderReview(app.profile.status);
  // Once approved, the reviewed details are public and stay as reviewed; the contact may change.
  const approved = app.profile.status === 'approved';
  const { organisation: org, profile } = app;

  // Show what the server holds after every save or decision.
  useEffect(() => {
    form.setFieldsValue({
      legalRepresentative: profile.legalRepresentative,
      address: profile.address,
      introduction: profile.introduction,
      contactName: org.contactName,
      contactPhone: org.contactPhone,
    });
  }, [form, profile, org]);

  const onFinish = (body: ProfileInput) =>
    update.mutate(body, {
      onSuccess: () => void message.success(t('application.profileSaved')),
      onError: (error) => {
        if (!showFieldErrors(form, t, error)) void message.error(errorMessage(t, error));
      },
    });

  return (
    <>
      <Descriptions column={{ xs: 1, md: 3 }} size="small" bordered style={{ marginBottom: 8 }}>
        <Descriptions.Item label={t('application.organisationName')}>{org.name}</Descriptions.Item>
        <Descriptions.Item label={t('application.creditCode')}>{org.creditCode}</Descriptions.Item>
        <Descriptions.Item label={t('application.region')}>{regionLabel(org.regionCode)}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('application.signUpFacts')}
      </Typography.Paragraph>
      {locked && <Alert type="info" showIcon message={t('application.locked')} style={{ marginBottom: 16 }} />}
      {approved && <Alert type="info" showIcon message={t('reasons.profile_locked')} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={locked || update.isPending}
        name="profile"
        data-testid="profile-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="legalRepresentative"
              label={t('application.legalRepresentative')}
              rules={[requiredRule(t), { max: 50, message: t('fieldReasons.length') }]}
            >
              <Input maxLength={50} disabled={approved || undefined} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="contactName" label={t('application.contactName')} rules={[requiredRule(t)]}>
              <Input maxLength={limits.contactName} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="contactPhone" label={t('application.contactPhone')} rules={phoneRules(t)}>
              <Input maxLength={limits.contactPhone} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label={t('application.address')} rules={[requiredRule(t)]}>
          <Input maxLength={200} disabled={approved || undefined} />
        </Form.Item>
        <Form.Item name="introduction" label={t('application.introduction')}>
          <Input.TextArea rows={4} maxLength={2000} showCount disabled={approved || undefined} />
        </Form.Item>
        {!locked && (
          <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="profile-save">
            {t('application.saveProfile')}
          </Button>
        )}
      </Form>
    </>
  );
}
