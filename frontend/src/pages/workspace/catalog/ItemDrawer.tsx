import { useEffect } from 'react';
import { App, Button, Col, Drawer, Flex, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useOrganisations, useSaveItem } from '../../../api/hooks';
import type { ItemInput, OrganisationListQuery, ServiceItem } from '../../../api/client';
import { errorMessage, showFieldErrors } from '../../../lib/errors';
import { committedDaysProblem, itemCodePattern, legalDaysProblem } from '../../../lib/catalog';
import { requiredRule } from '../../../lib/validators';
import { useLocalName } from '../../../components/agency';
import { CategorySelect, LevelSelect, QualificationTypeSelect } from '../../../components/catalog';

type Values = Omit<ItemInput, 'active' | 'requirements'> & {
  active: boolean;
  requirements: { typeId?: number; minLevelCode?: string }[];
};

const maxRequirements = 10;

/** Creates a service item (item 'new') or replaces one, requirements included. */
export function ItemDrawer({ item, onClose }: { item?: ServiceItem | 'new'; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const name = useLocalName();
  const [form] = Form.useForm<Values>();
  const save = useSaveItem();
  const { data: regulators, isLoading: regulatorsLoading } = useOrganisations({
    kind: 'regulator',
  } as OrganisationListQuery);
  const existing = item && item !== 'new' ? item : undefined;

  useEffect(() => {
    if (!item) return;
    form.resetFields();
    if (existing)
      form.setFieldsValue({
        code: existing.code,
        nameZh: existing.nameZh,
        nameEn: existing.nameEn,
        categoryCode: existing.categoryCode,
        regulatorId: existing.regulatorId,
        legalDays: existing.legalDays,
        committedDays: existing.committedDays,
        description: existing.description,
        active: existing.active,
        requirements: (existing.requirements ?? []).map((r) => ({ typeId: r.typeId, minLevelCode: r.minLevelCode })),
      });
  }, [item, existing, form]);

  const onFinish = ({ requirements, ...rest }: Values) =>
    save.mutate(
      {
        id: existing?.id,
        body: {
          ...rest,
          description: rest.description ?? '',
          requirements: requirements.map((r) => ({ typeId: r.typeId!, minLevelCode: r.minLevelCode! })),
        },
      },
      {
        onSuccess: (saved) => {
          void message.success(t('catalog.saved', { name: name(saved) }));
          onClose();
        },
        onError: (error) => {
          if (!showFieldErrors(form, t, error)) void message.error(errorMessage(t, error));
        },
      },
    );

  return (
    <Drawer
      open={!!item}
      width={720}
      title={existing ? t('catalog.editTitle', { code: existing.code }) : t('catalog.create')}
      onClose={onClose}
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="item-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={save.isPending}
        initialValues={{ active: true, requirements: [] }}
        name="item"
        data-testid="item-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="code"
              label={t('catalog.code')}
              extra={existing?.codeLocked ? t('catalog.codeLocked') : t('catalog.codeHelp')}
              normalize={(v: string | undefined) => (v ?? '').toUpperCase().trim()}
              rules={[requiredRule(t), { pattern: itemCodePattern, message: t('fieldReasons.code_format') }]}
            >
              <Input
                maxLength={8}
                style={{ fontFamily: 'monospace' }}
                disabled={existing?.codeLocked}
                data-testid="item-code"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="categoryCode"
              label={t('catalog.category')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <CategorySelect />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="nameZh"
          label={t('catalog.nameZh')}
          rules={[requiredRule(t), { min: 2, max: 100, message: t('fieldReasons.length') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('catalog.nameEn')}
          rules={[requiredRule(t), { min: 2, max: 200, message: t('fieldReasons.length') }]}
        >
          <Input maxLength={200} lang="en" />
        </Form.Item>
        <Form.Item
          name="regulatorId"
          label={t('catalog.regulator')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            placeholder={t('catalog.regulatorPlaceholder')}
            loading={regulatorsLoading}
            options={(regulators ?? []).map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="legalDays"
              label={t('catalog.legalDays')}
              required
              rules={[
                {
                  validator: async (_, v: number | null | undefined) => {
                    const problem = legalDaysProblem(v);
                    if (problem) throw new Error(t(`fieldReasons.${problem}`));
                  },
                },
              ]}
            >
              <InputNumber min={1} max={365} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="committedDays"
              label={t('catalog.committedDays')}
              required
              extra={t('catalog.committedHelp')}
              dependencies={['legalDays']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, v: number | null | undefined) => {
                    const problem = committedDaysProblem(getFieldValue('legalDays') as number | undefined, v);
                    if (problem) throw new Error(t(`fieldReasons.${problem}`));
                  },
                }),
              ]}
            >
              <InputNumber min={1} max={365} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('catalog.description')}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>

        <Typography.Title level={5}>{t('catalog.requirements')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('catalog.requirementsHelp')}</Typography.Paragraph>
        <Form.List name="requirements">
          {(fields, { add, remove }) => (
            <Flex vertical gap={0}>
              {fields.map((field) => (
                <RequirementRow key={field.key} name={field.name} onRemove={() => remove(field.name)} />
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                disabled={fields.length >= maxRequirements}
                onClick={() => add({})}
                style={{ marginBottom: 24 }}
                data-testid="add-requirement"
              >
                {t('catalog.addRequirement')}
              </Button>
            </Flex>
          )}
        </Form.List>
        <Form.Item name="active" label={t('catalog.status')} valuePropName="checked" extra={t('catalog.activeHelp')}>
          <Switch checkedChildren={t('catalog.active')} unCheckedChildren={t('catalog.retired')} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** One requirement: a type and its minimum level; each type once. */
function RequirementRow({ name, onRemove }: { name: number; onRemove: () => void }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<Values>();
  const typeId = Form.useWatch(['requirements', name, 'typeId'], form);
  return (
    <Row gutter={8} align="top">
      <Col flex="auto">
        <Form.Item
          name={[name, 'typeId']}
          rules={[
            { required: true, message: t('fieldReasons.type_unknown') },
            ({ getFieldValue }) => ({
              validator: async (_, v: number | undefined) => {
                const all = (getFieldValue('requirements') as Values['requirements']) ?? [];
                if (v && all.filter((r) => r?.typeId === v).length > 1)
                  throw new Error(t('fieldReasons.type_duplicate'));
              },
            }),
          ]}
        >
          <QualificationTypeSelect
            aria-label={t('catalog.requirementType')}
            onChange={() => form.setFieldValue(['requirements', name, 'minLevelCode'], undefined)}
          />
        </Form.Item>
      </Col>
      <Col flex="180px">
        <Form.Item name={[name, 'minLevelCode']} rules={[{ required: true, message: t('fieldReasons.level_unknown') }]}>
          <LevelSelect typeId={typeId} aria-label={t('catalog.requirementLevel')} />
        </Form.Item>
      </Col>
      <Col flex="40px">
        <Button icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('common.delete')} />
      </Col>
    </Row>
  );
}
