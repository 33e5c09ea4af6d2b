import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Flex, Form, Input, Modal, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useQualificationTypes, useSaveQualificationType } from '../../../api/hooks';
import type { NewQualificationType, QualificationType } from '../../../api/client';
import { errorMessage, fieldErrorMessage, showFieldErrors } from '../../../lib/errors';
import { levelCodePattern, typeCodePattern } from '../../../lib/catalog';
import { fieldErrors, isApiError } from '../../../api/problem';
import { requiredRule } from '../../../lib/validators';
import { useLocalName } from '../../../components/agency';
import { QueryError } from '../../../components/QueryError';

/** 资质类型: the platform admin keeps the qualification types and their levels. */
export function QualificationTypesPage() {
  const { t } = useTranslation();
  const name = useLocalName();
  const { data, isPending, error, refetch } = useQualificationTypes();
  const [editing, setEditing] = useState<QualificationType | 'new'>();

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('qualificationTypes.title')}
        </Typography.Title>
      }
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="create-type">
          {t('qualificationTypes.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('qualificationTypes.lead')}</Typography.Paragraph>
      {error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<QualificationType>
          rowKey="id"
          loading={isPending}
          dataSource={data ?? []}
          locale={{ emptyText: t('qualificationTypes.empty') }}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          size="middle"
          scroll={{ x: 900 }}
          data-testid="types-table"
          columns={[
            {
              title: t('qualificationTypes.code'),
              dataIndex: 'code',
              width: 200,
              render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
            },
            { title: t('qualificationTypes.name'), key: 'name', render: (_, type) => name(type) },
            {
              title: t('qualificationTypes.levels'),
              key: 'levels',
              render: (_, type) => (
                <Space size={[4, 4]} wrap>
                  {(type.levels ?? []).map((l) => (
                    <Tag key={l.code} bordered={false} color="geekblue">
                      {l.rank}. {name(l)}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 90,
              render: (_, type) => (
                <Button size="small" onClick={() => setEditing(type)} data-testid={`edit-type-${type.code}`}>
                  {t('common.edit')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <TypeModal type={editing} onClose={() => setEditing(undefined)} />
    </Card>
  );
}

type TypeValues = Omit<NewQualificationType, 'levels'> & {
  levels?: (NonNullable<NewQualificationType['levels']>[number] & { stored?: boolean })[];
};

function TypeModal({ type, onClose }: { type?: QualificationType | 'new'; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const name = useLocalName();
  const [form] = Form.useForm<TypeValues>();
  const save = useSaveQualificationType();
  const existing = type && type !== 'new' ? type : undefined;
  const [levelsError, setLevelsError] = useState<string>();

  useEffect(() => {
    if (!type) return;
    setLevelsError(undefined);
    form.resetFields();
    if (existing)
      form.setFieldsValue({
        code: existing.code,
        nameZh: existing.nameZh,
        nameEn: existing.nameEn,
        // Stored levels keep their code (items and agencies refer to it); `stored` marks them.
        levels: (existing.levels ?? []).map((l) => ({
          code: l.code,
          nameZh: l.nameZh,
          nameEn: l.nameEn,
          stored: true,
        })),
      });
  }, [type, existing, form]);

  const onFinish = (values: TypeValues) => {
    setLevelsError(undefined);
    const levels = (values.levels ?? []).map(({ code, nameZh, nameEn }) => ({ code, nameZh, nameEn }));
    save.mutate(
      existing
        ? { id: existing.id, body: { nameZh: values.nameZh, nameEn: values.nameEn, levels } }
        : { body: { ...values, levels } },
      {
        onSuccess: (saved) => {
          void message.success(t('qualificationTypes.saved', { name: name(saved) }));
          onClose();
        },
        onError: (error) => {
          // A refusal about the list as a whole (level_in_use, levels_empty) shows under it.
          const listError =
            isApiError(error, 422) &&
            fieldErrors(error.problem).find((f) => f.name.length === 1 && f.name[0] === 'levels');
          if (listError) setLevelsError(fieldErrorMessage(t, listError));
          else if (!showFieldErrors(form, t, error)) void message.error(errorMessage(t, error));
        },
      },
    );
  };

  return (
    <Modal
      open={!!type}
      title={existing ? t('qualificationTypes.editTitle', { code: existing.code }) : t('qualificationTypes.create')}
      width={760}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={save.isPending}
        initialValues={{ levels: [{ code: 'none', nameZh: '不分级', nameEn: 'Ungraded' }] }}
        name="qualification-type"
        data-testid="type-form"
      >
        <Form.Item
          name="code"
          label={t('qualificationTypes.code')}
          extra={t('qualificationTypes.codeHelp')}
          rules={
            existing ? [] : [requiredRule(t), { pattern: typeCodePattern, message: t('fieldReasons.code_format') }]
          }
        >
          <Input maxLength={40} disabled={!!existing} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="nameZh"
              label={t('qualificationTypes.nameZh')}
              rules={[requiredRule(t), { min: 2, max: 100, message: t('fieldReasons.length') }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="nameEn"
              label={t('qualificationTypes.nameEn')}
              rules={[requiredRule(t), { min: 2, max: 200, message: t('fieldReasons.length') }]}
            >
              <Input maxLength={200} lang="en" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('qualificationTypes.levels')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('qualificationTypes.levelCodeHelp')}</Typography.Paragraph>
        <Form.List
          name="levels"
          rules={[
            {
              validator: async (_, levels: unknown[] | undefined) => {
                if (!levels || levels.length === 0) throw new Error(t('fieldReasons.levels_empty'));
              },
            },
          ]}
        >
          {(fields, { add, remove, move }, { errors }) => (
            <Flex vertical>
              {fields.map((field, index) => {
                const stored = form.getFieldValue(['levels', field.name, 'stored']) === true;
                return (
                  <Row key={field.key} gutter={8} align="top" data-testid="level-row">
                    <Col flex="32px" style={{ paddingTop: 5 }}>
                      <Typography.Text type="secondary">{index + 1}.</Typography.Text>
                    </Col>
                    <Col flex="140px">
                      <Form.Item
                        name={[field.name, 'code']}
                        rules={[
                          requiredRule(t),
                          { pattern: levelCodePattern, message: t('fieldReasons.level_code_format') },
                          ({ getFieldValue }) => ({
                            validator: async (_, v: string | undefined) => {
                              const all = (getFieldValue('levels') as { code?: string }[]) ?? [];
                              if (v && all.filter((l) => l?.code === v).length > 1)
                                throw new Error(t('fieldReasons.level_duplicate'));
                            },
                          }),
                        ]}
                      >
                        <Input
                          placeholder={t('qualificationTypes.levelCode')}
                          disabled={stored}
                          style={{ fontFamily: 'monospace' }}
                          maxLength={20}
                        />
                      </Form.Item>
                    </Col>
                    <Col flex="auto">
                      <Form.Item name={[field.name, 'nameZh']} rules={[requiredRule(t)]}>
                        <Input placeholder={t('qualificationTypes.levelNameZh')} maxLength={20} />
                      </Form.Item>
                    </Col>
                    <Col flex="auto">
                      <Form.Item name={[field.name, 'nameEn']} rules={[requiredRule(t)]}>
                        <Input placeholder={t('qualificationTypes.levelNameEn')} maxLength={50} lang="en" />
                      </Form.Item>
                    </Col>
                    <Col flex="116px">
                      <Space size={4}>
                        <Tooltip title={t('qualificationTypes.moveUp')}>
                          <Button
                            icon={<ArrowUpOutlined />}
                            disabled={index === 0}
                            onClick={() => move(index, index - 1)}
                            aria-label={t('qualificationTypes.moveUp')}
                          />
                        </Tooltip>
                        <Tooltip title={t('qualificationTypes.moveDown')}>
                          <Button
                            icon={<ArrowDownOutlined />}
                            disabled={index === fields.length - 1}
                            onClick={() => move(index, index + 1)}
                            aria-label={t('qualificationTypes.moveDown')}
                          />
                        </Tooltip>
                        <Tooltip title={t('qualificationTypes.remove')}>
                          <Button
                            icon={<DeleteOutlined />}
                            onClick={() => remove(field.name)}
                            aria-label={t('qualificationTypes.remove')}
                          />
                        </Tooltip>
                      </Space>
                    </Col>
                  </Row>
                );
              })}
              <Form.ErrorList errors={levelsError ? [...errors, levelsError] : errors} />
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({})}
                disabled={fields.length >= 20}
                style={{ marginTop: 8 }}
                data-testid="add-level"
              >
                {t('qualificationTypes.addLevel')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
