import { useEffect, useState } from 'react';
import { Alert, App, Col, DatePicker, Form, Input, Modal, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSaveQualification } from '../../../api/hooks';
import type { Qualification, QualificationInput } from '../../../api/client';
import { errorMessage, showFieldErrors } from '../../../lib/errors';
import { requiredRule } from '../../../lib/validators';
import { LevelSelect, QualificationTypeSelect } from '../../../components/catalog';
import { ScanUpload } from './ScanUpload';

type Values = Omit<QualificationInput, 'validFrom' | 'validTo'> & { validFrom?: Dayjs; validTo?: Dayjs };

const dateFormat = 'YYYY-MM-DD';

/** Adds a qualification, or corrects one that is not under review. */
export function QualificationModal({
  orgId,
  editing,
  open,
  onClose,
}: {
  orgId: number;
  /** The qualification to correct; none to add one. */
  editing?: Qualification;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveQualification(orgId);
  const [scanError, setScanError] = useState<string>();
  // A new key each time the modal opens forgets the previous upload.
  const [round, setRound] = useState(0);
  const typeId = Form.useWatch('typeId', form);

  useEffect(() => {
    if (!open) return;
    setScanError(undefined);
    setRound((r) => r + 1);
    if (editing) {
      form.setFieldsValue({
        typeId: editing.typeId,
        levelCode: editing.levelCode,
        certificateNo: editing.certificateNo,
        issuer: editing.issuer,
        validFrom: dayjs(editing.validFrom),
        validTo: dayjs(editing.validTo),
        scope: editing.scope,
        fileId: editing.fileId,
      });
    } else {
      form.resetFields();
    }
  }, [open, editing, form]);

  const onFinish = ({ validFrom, validTo, ...rest }: Values) =>
    save.mutate(
      {
        id: editing?.id,
        body: {
          ...rest,
          scope: rest.scope ?? '',
          validFrom: validFrom!.format(dateFormat),
          validTo: validTo!.format(dateFormat),
        },
      },
      {
        onSuccess: () => {
          void message.success(t('qualification.saved'));
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
      title={editing ? t('qualification.editTitle') : t('qualification.addTitle')}
      width={720}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
      destroyOnHidden={false}
    >
      {editing?.status === 'approved' && (
        <Alert type="warning" showIcon message={t('qualification.reviewAgain')} style={{ marginBottom: 16 }} />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={save.isPending}
        name="qualification"
        data-testid="qualification-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item
              name="typeId"
              label={t('qualification.type')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <QualificationTypeSelect
                data-testid="qualification-type"
                onChange={() => form.setFieldValue('levelCode', undefined)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item
              name="levelCode"
              label={t('qualification.level')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <LevelSelect typeId={typeId} data-testid="qualification-level" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="certificateNo" label={t('qualification.certificateNo')} rules={[requiredRule(t)]}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="issuer" label={t('qualification.issuer')} rules={[requiredRule(t)]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="validFrom"
              label={t('qualification.validFrom')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <DatePicker style={{ width: '100%' }} format={dateFormat} data-testid="qualification-valid-from" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="validTo"
              label={t('qualification.validTo')}
              dependencies={['validFrom']}
              rules={[
                { required: true, message: t('common.required') },
                ({ getFieldValue }) => ({
                  validator: async (_, value: Dayjs | undefined) => {
                    const from = getFieldValue('validFrom') as Dayjs | undefined;
                    if (value && from && value.isBefore(from, 'day'))
                      throw new Error(t('fieldReasons.valid_to_before_from'));
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} format={dateFormat} data-testid="qualification-valid-to" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="scope" label={t('qualification.scope')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item
          name="fileId"
          label={t('qualification.scan')}
          extra={t('qualification.scanHelp')}
          rules={[{ required: true, message: t('fieldReasons.file_unknown') }]}
          validateStatus={scanError ? 'error' : undefined}
          help={scanError}
        >
          <ScanUpload key={round} fileName={editing?.fileName} onError={setScanError} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
