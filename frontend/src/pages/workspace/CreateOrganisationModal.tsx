import { App, Col, Divider, Form, Input, Modal, Radio, Row } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCreateOrganisation } from '../../api/hooks';
import type { CreateOrganisationBody } from '../../api/client';
import { errorMessage, showFieldErrors } from '../../lib/errors';
import {
  creditCodeRules,
  limits,
  newPasswordRules,
  normaliseCreditCode,
  normaliseUsername,
  organisationNameRules,
  phoneRules,
  requiredRule,
  usernameRules,
} from '../../lib/validators';
import { RegionSelect } from '../../components/regions';
import { useKindLabel } from '../../components/labels';

/**
 * The platform admin creates project owners and regulators together with their first
 * administrator, who then adds everyone else. Agencies are not created here: they sign up.
 */
export function CreateOrganisationModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateOrganisationBody>();
  const create = useCreateOrganisation();
  const kindLabel = useKindLabel();

  const onFinish = (body: CreateOrganisationBody) =>
    create.mutate(body, {
      onSuccess: (org) => {
        void message.success(t('organisations.created', { name: org.name }));
        onClose();
        void navigate(`/workspace/organisations/${org.id}`);
      },
      onError: (error) => {
        if (!showFieldErrors(form, t, error)) void message.error(errorMessage(t, error));
      },
    });

  return (
    <Modal
      open={open}
      title={t('organisations.createTitle')}
      width={680}
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
        initialValues={{ kind: 'owner' }}
        data-testid="create-organisation-form"
      >
        <Form.Item
          name="kind"
          label={t('organisations.kind')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Radio.Group
            optionType="button"
            options={(['owner', 'regulator'] as const).map((k) => ({ value: k, label: kindLabel(k) }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('organisations.name')} rules={organisationNameRules(t)}>
          <Input maxLength={limits.organisationName} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item
              name="creditCode"
              label={t('organisations.creditCode')}
              rules={creditCodeRules(t)}
              normalize={normaliseCreditCode}
              validateDebounce={300}
            >
              <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item
              name="regionCode"
              label={t('organisations.region')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <RegionSelect />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="contactName" label={t('organisations.contactOptional')}>
              <Input maxLength={limits.contactName} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contactPhone" label={t('organisations.contactPhone')} rules={phoneRules(t, false)}>
              <Input maxLength={limits.contactPhone} />
            </Form.Item>
          </Col>
        </Row>
        <Divider orientation="left" orientationMargin={0}>
          {t('organisations.adminSection')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name={['admin', 'username']}
              label={t('organisation.username')}
              rules={usernameRules(t)}
              normalize={normaliseUsername}
            >
              <Input maxLength={limits.username} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['admin', 'displayName']} label={t('organisation.displayName')} rules={[requiredRule(t)]}>
              <Input maxLength={limits.displayName} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name={['admin', 'password']} label={t('organisation.password')} rules={newPasswordRules(t)}>
          <Input.Password maxLength={limits.password} autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
