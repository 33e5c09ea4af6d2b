import { useState } from 'react';
import { App, Button, Form, Input, Modal, Radio, Space, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { uploadFile } from '../../api/hooks';
import { showFieldErrors } from '../../lib/errors';
import { can } from '../../lib/permissions';
import { useCurrentSession } from '../../pages/workspace/session';
import { complaintError } from './labels';
import { useFileComplaint } from './api';

export type ComplaintTarget = { kind: 'announcement' | 'selection' | 'contract'; id: number };

/**
 * 投诉: a button that opens the complaint form about one of targets (the announcement and its
 * selection, or a contract). The server decides who may complain; it answers not_a_party to
 * anyone else, shown as the form's error.
 */
export function FileComplaintButton({ targets, size }: { targets: ComplaintTarget[]; size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const [open, setOpen] = useState(false);
  if (targets.length === 0 || !can(session, 'supervision.fileComplaint')) return null;
  return (
    <>
      <Button size={size} danger onClick={() => setOpen(true)} data-testid="file-complaint">
        {t('complaints.file')}
      </Button>
      {open && <FileComplaintModal targets={targets} onClose={() => setOpen(false)} />}
    </>
  );
}

interface FormValues {
  target: number;
  grounds: string;
}

function FileComplaintModal({ targets, onClose }: { targets: ComplaintTarget[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const file = useFileComplaint();
  const [evidence, setEvidence] = useState<{ id: number; filename: string }[]>([]);
  const [uploading, setUploading] = useState(false);
  const upload = async (f: File) => {
    setUploading(true);
    try {
      const stored = await uploadFile(f, 'complaint_evidence');
      setEvidence((list) => [...list, { id: stored.id, filename: stored.filename }]);
    } catch (e) {
      void message.error(complaintError(t, e));
    } finally {
      setUploading(false);
    }
  };
  const submit = async (v: FormValues) => {
    const target = targets[v.target] ?? targets[0];
    try {
      const c = await file.mutateAsync({
        targetKind: target.kind,
        targetId: target.id,
        grounds: v.grounds,
        evidenceIds: evidence.map((e) => e.id),
      });
      void message.success(t('complaints.fileDone'));
      onClose();
      void navigate(`/workspace/complaints/${c.id}`);
    } catch (e) {
      if (!showFieldErrors(form, t, e)) void message.error(complaintError(t, e));
    }
  };
  return (
    <Modal
      open
      title={t('complaints.fileTitle')}
      okText={t('complaints.submit')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: file.isPending, disabled: uploading, id: 'complaint-submit' }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ target: 0 }}
        onFinish={(v) => void submit(v)}
      >
        {targets.length > 1 && (
          <Form.Item name="target" label={t('complaints.target')}>
            <Radio.Group data-testid="complaint-target">
              {targets.map((g, i) => (
                <Radio key={g.kind} value={i}>
                  {t(`complaints.targets.${g.kind}`)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
        )}
        <Form.Item
          name="grounds"
          label={t('complaints.grounds')}
          extra={t('complaints.groundsHelp')}
          rules={[
            { required: true, whitespace: true, min: 10, max: 5000, message: t('complaints.reasons.grounds_length') },
          ]}
        >
          <Input.TextArea rows={6} maxLength={5000} showCount data-testid="complaint-grounds" />
        </Form.Item>
        <Form.Item label={t('complaints.evidence')} extra={t('complaints.evidenceHelp')}>
          <Space wrap>
            <Upload
              accept="application/pdf,.pdf,image/jpeg,image/png"
              showUploadList={false}
              disabled={evidence.length >= 10}
              beforeUpload={(f) => {
                void upload(f);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={uploading} data-testid="complaint-upload">
                {uploading ? t('complaints.uploading') : t('complaints.upload')}
              </Button>
            </Upload>
            {evidence.map((e) => (
              <Tag
                key={e.id}
                closable
                onClose={() => setEvidence((list) => list.filter((x) => x.id !== e.id))}
                data-testid="complaint-evidence"
              >
                <Typography.Text ellipsis style={{ maxWidth: 200 }}>
                  {e.filename}
                </Typography.Text>
              </Tag>
            ))}
          </Space>
        </Form.Item>
      </Form>
    </Modal>
  );
}
