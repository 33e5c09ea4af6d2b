import { useState } from 'react';
import { App, Button, Col, Flex, Form, Input, Modal, Popconfirm, Row, Table, Typography } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAddPractitioner, useRemovePractitioner } from '../../../api/hooks';
import type { Application, Practitioner, PractitionerInput } from '../../../api/client';
import { errorMessage, showFieldErrors } from '../../../lib/errors';
import { isValidIdNumber, normaliseIdNumber } from '../../../lib/idNumber';
import { requiredRule } from '../../../lib/validators';
import { DateTime } from '../../../components/labels';

/** 从业人员: the agency's professionals; ID numbers are shown masked only. */
export function PractitionersStep({ app }: { app: Application }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const orgId = app.organisation.id;
  const remove = useRemovePractitioner(orgId);
  const [adding, setAdding] = useState(false);

  return (
    <>
      <Flex justify="space-between" align="center" gap={16} wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('practitioner.lead')}</Typography.Text>
        <Button
          type="primary"
          icon={<UserAddOutlined />}
          onClick={() => setAdding(true)}
          data-testid="add-practitioner"
        >
          {t('practitioner.add')}
        </Button>
      </Flex>
      <Table<Practitioner>
        rowKey="id"
        dataSource={app.practitioners ?? []}
        pagination={false}
        size="middle"
        locale={{ emptyText: t('practitioner.empty') }}
        data-testid="practitioners-table"
        columns={[
          { title: t('practitioner.name'), dataIndex: 'name' },
          {
            title: t('practitioner.certificateNo'),
            dataIndex: 'certificateNo',
            render: (v: string) => v || t('common.none'),
          },
          {
            title: t('practitioner.idNumber'),
            dataIndex: 'idNumberMasked',
            render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
          },
          {
            title: t('practitioner.addedAt'),
            dataIndex: 'createdAt',
            width: 160,
            render: (v: string) => <DateTime value={v} />,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_, p) => (
              <Popconfirm
                title={t('practitioner.removeConfirm', { name: p.name })}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  remove.mutate(p.id, {
                    onSuccess: () => void message.success(t('practitioner.removed', { name: p.name })),
                    onError: (e) => void message.error(errorMessage(t, e)),
                  })
                }
              >
                <Button size="small" danger>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <AddPractitionerModal orgId={orgId} open={adding} onClose={() => setAdding(false)} />
    </>
  );
}

function AddPractitionerModal({ orgId, open, onClose }: { orgId: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PractitionerInput>();
  const add = useAddPractitioner(orgId);

  const onFinish = (body: PractitionerInput) =>
    add.mutate(
      { ...body, certificateNo: body.certificateNo ?? '' },
      {
        onSuccess: (p) => {
          void message.success(t('practitioner.added', { name: p.name }));
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
      title={t('practitioner.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => form.resetFields()}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={add.isPending}
        name="practitioner"
        data-testid="practitioner-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item name="name" label={t('practitioner.name')} rules={[requiredRule(t)]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item name="certificateNo" label={t('practitioner.certificateOptional')}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="idNumber"
          label={t('practitioner.idNumber')}
          extra={t('practitioner.idNumberHelp')}
          normalize={normaliseIdNumber}
          validateDebounce={300}
          rules={[
            requiredRule(t),
            {
              validator: async (_, value: string | undefined) => {
                if (value && !isValidIdNumber(value)) throw new Error(t('fieldReasons.id_number_invalid'));
              },
            },
          ]}
        >
          <Input maxLength={18} autoComplete="off" style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
