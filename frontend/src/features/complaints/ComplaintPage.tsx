import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Radio,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError';
import { useDownloadLink } from '../../api/hooks';
import { formatDateTime } from '../../lib/datetime';
import { showFieldErrors } from '../../lib/errors';
import { offers } from '../../lib/permissions';
import { NotFoundPage } from '../../pages/NotFoundPage';
import {
  useComplaint,
  useDecideComplaint,
  usePostMessage,
  useReviewComplaint,
  useSuspension,
  type Complaint,
  type DecisionInput,
  type ReviewInput,
} from './api';
import { complaintError, ComplaintStatusTag } from './labels';

export function ComplaintById() {
  const id = Number(useParams().id);
  return Number.isSafeInteger(id) && id > 0 ? <ComplaintPage key={id} id={id} /> : <NotFoundPage />;
}

type Dialog = 'review' | 'decide' | null;

/** One complaint: its subject and parties, evidence, the regulators' steps, the thread and history. */
export function ComplaintPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: c, error, isPending, refetch } = useComplaint(id);
  const suspension = useSuspension(id);
  const [dialog, setDialog] = useState<Dialog>(null);
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (isPending || !c) return <Card loading />;
  const step = (s: 'suspend' | 'resume') =>
    suspension.mutate(s, { onError: (e) => void message.error(complaintError(t, e)) });
  const subjectLink =
    c.targetKind === 'contract' && c.contractId
      ? `/workspace/contracts/${c.contractId}`
      : `/notices/${encodeURIComponent(c.subjectCode)}${c.targetKind === 'selection' ? '/result' : ''}`;
  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'normal' }}>
            {c.subjectTitle}
          </Typography.Title>
        }
        extra={
          <Space size={4} wrap>
            <ComplaintStatusTag status={c.status} />
            {c.suspended && <Tag color="orange">{t('complaints.suspended')}</Tag>}
            {c.selectionVoided && <Tag color="red">{t('complaints.selectionVoided')}</Tag>}
            {c.overdue && <Tag color="red">{t('complaints.overdue')}</Tag>}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" data-testid="complaint-details">
          <Descriptions.Item label={t('complaints.fields.subject')}>
            <Space size={4} wrap>
              {t(`complaints.targets.${c.targetKind}`)}
              <Link to={subjectLink}>{c.subjectCode}</Link>
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.fields.myRole')}>
            {t(`complaints.roles.${c.myRole}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.fields.complainant')}>{c.complainantName}</Descriptions.Item>
          <Descriptions.Item label={t('complaints.fields.respondent')}>{c.respondentName}</Descriptions.Item>
          <Descriptions.Item label={t('complaints.fields.filedAt')}>{formatDateTime(c.filedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('complaints.fields.decideBy')}>{formatDateTime(c.decideBy)}</Descriptions.Item>
          {c.reviewNote && (
            <Descriptions.Item label={t('complaints.fields.reviewNote')} span={2}>
              {c.reviewNote}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Title level={5}>{t('complaints.grounds')}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="complaint-grounds-text">
          {c.grounds}
        </Typography.Paragraph>
        {c.evidence.length > 0 && (
          <>
            <Typography.Title level={5}>{t('complaints.evidence')}</Typography.Title>
            <EvidenceList complaint={c} />
          </>
        )}
        {c.decidedAt && (
          <Alert
            type={c.status === 'upheld' ? 'warning' : 'info'}
            showIcon
            data-testid="complaint-decision"
            message={`${t(`complaints.statuses.${c.status}`)} · ${formatDateTime(c.decidedAt)}`}
            description={
              <Flex vertical gap={4}>
                <Typography.Text strong>{c.summary}</Typography.Text>
                <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{c.reasoning}</Typography.Text>
              </Flex>
            }
          />
        )}
        {(offers(c, 'review') || offers(c, 'suspend') || offers(c, 'resume') || offers(c, 'decide')) && (
          <Space wrap style={{ marginTop: 16 }}>
            {offers(c, 'review') && (
              <Button type="primary" onClick={() => setDialog('review')} data-testid="complaint-review">
                {t('complaints.actions.review')}
              </Button>
            )}
            {offers(c, 'suspend') && (
              <Popconfirm title={t('complaints.actions.suspendConfirm')} onConfirm={() => step('suspend')}>
                <Button danger loading={suspension.isPending} data-testid="complaint-suspend">
                  {t('complaints.actions.suspend')}
                </Button>
              </Popconfirm>
            )}
            {offers(c, 'resume') && (
              <Popconfirm title={t('complaints.actions.resumeConfirm')} onConfirm={() => step('resume')}>
                <Button loading={suspension.isPending} data-testid="complaint-resume">
                  {t('complaints.actions.resume')}
                </Button>
              </Popconfirm>
            )}
            {offers(c, 'decide') && (
              <Button type="primary" onClick={() => setDialog('decide')} data-testid="complaint-decide">
                {t('complaints.actions.decide')}
              </Button>
            )}
          </Space>
        )}
      </Card>
      <Thread complaint={c} />
      <Card title={t('complaints.history')} size="small">
        <Timeline
          data-testid="complaint-history"
          items={c.events.map((e) => ({
            key: e.seq,
            children: (
              <Flex vertical>
                <Typography.Text>{t(`complaints.events.${e.action}` as never)}</Typography.Text>
                <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
              </Flex>
            ),
          }))}
        />
      </Card>
      {dialog === 'review' && <ReviewModal id={c.id} onClose={() => setDialog(null)} />}
      {dialog === 'decide' && <DecideModal complaint={c} onClose={() => setDialog(null)} />}
    </Flex>
  );
}

function EvidenceList({ complaint }: { complaint: Complaint }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const link = useDownloadLink();
  // Evidence goes to the regulators; the complainant may open its own files.
  const canOpen = complaint.myRole === 'regulator' || complaint.myRole === 'complainant';
  return (
    <List
      size="small"
      dataSource={complaint.evidence}
      data-testid="complaint-evidence-list"
      renderItem={(f) => (
        <List.Item
          actions={
            canOpen
              ? [
                  <Button
                    key="download"
                    type="link"
                    size="small"
                    onClick={() =>
                      link.mutate(f.fileId, {
                        onSuccess: (l) => window.open(l.url, '_blank', 'noopener'),
                        onError: (e) => void message.error(complaintError(t, e)),
                      })
                    }
                  >
                    {t('complaints.download')}
                  </Button>,
                ]
              : []
          }
        >
          <Typography.Text ellipsis style={{ maxWidth: '100%' }}>
            {f.filename}
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}

function Thread({ complaint }: { complaint: Complaint }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const post = usePostMessage(complaint.id);
  const [body, setBody] = useState('');
  const send = () =>
    post.mutate(body.trim(), {
      onSuccess: () => {
        setBody('');
        void message.success(t('complaints.thread.sent'));
      },
      onError: (e) => void message.error(complaintError(t, e)),
    });
  return (
    <Card title={t('complaints.thread.title')} size="small">
      <List
        dataSource={complaint.messages}
        locale={{ emptyText: t('complaints.thread.empty') }}
        data-testid="complaint-messages"
        renderItem={(m) => (
          <List.Item>
            <Flex vertical style={{ minWidth: 0, width: '100%' }}>
              <Space size={4} wrap>
                <Tag>{t(`complaints.roles.${m.role}`)}</Tag>
                <Typography.Text strong>{m.authorName}</Typography.Text>
                <Typography.Text type="secondary">{formatDateTime(m.createdAt)}</Typography.Text>
              </Space>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>
                {m.body}
              </Typography.Paragraph>
            </Flex>
          </List.Item>
        )}
      />
      {offers(complaint, 'message') && (
        <Flex vertical gap={8} style={{ marginTop: 12 }}>
          <Input.TextArea
            rows={3}
            maxLength={5000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            placeholder={t('complaints.thread.placeholder')}
            aria-label={t('complaints.thread.title')}
            data-testid="complaint-message"
          />
          <Button
            type="primary"
            style={{ alignSelf: 'flex-end' }}
            disabled={body.trim() === ''}
            loading={post.isPending}
            onClick={send}
            data-testid="complaint-send"
          >
            {t('complaints.thread.send')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}

function ReviewModal({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReviewInput>();
  const review = useReviewComplaint(id);
  const decision = Form.useWatch('decision', form);
  const submit = async (v: ReviewInput) => {
    try {
      await review.mutateAsync(v);
      void message.success(t('complaints.review.done'));
      onClose();
    } catch (e) {
      if (!showFieldErrors(form, t, e)) void message.error(complaintError(t, e));
    }
  };
  return (
    <Modal
      open
      title={t('complaints.review.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: review.isPending, id: 'review-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ decision: 'accepted' }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="decision" label={t('complaints.review.decision')}>
          <Radio.Group data-testid="review-decision">
            <Radio value="accepted">{t('complaints.review.accepted')}</Radio>
            <Radio value="rejected">{t('complaints.review.rejected')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="note"
          label={t('complaints.review.note')}
          extra={t('complaints.review.noteHelp')}
          rules={[
            {
              required: decision === 'rejected',
              whitespace: true,
              min: 2,
              max: 2000,
              message: t('complaints.reasons.note_required'),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="review-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DecideModal({ complaint, onClose }: { complaint: Complaint; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DecisionInput>();
  const decide = useDecideComplaint(complaint.id);
  const decision = Form.useWatch('decision', form);
  const submit = async (v: DecisionInput) => {
    try {
      await decide.mutateAsync({ ...v, voidSelection: v.decision === 'upheld' && !!v.voidSelection });
      void message.success(t('complaints.decide.done'));
      onClose();
    } catch (e) {
      if (!showFieldErrors(form, t, e)) void message.error(complaintError(t, e));
    }
  };
  return (
    <Modal
      open
      title={t('complaints.decide.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: decide.isPending, id: 'decide-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ decision: 'dismissed', voidSelection: false }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="decision" label={t('complaints.decide.decision')}>
          <Radio.Group data-testid="decide-decision">
            <Radio value="upheld">{t('complaints.decide.upheld')}</Radio>
            <Radio value="dismissed">{t('complaints.decide.dismissed')}</Radio>
          </Radio.Group>
        </Form.Item>
        {decision === 'upheld' && complaint.targetKind === 'selection' && (
          <Form.Item name="voidSelection" valuePropName="checked">
            <Checkbox data-testid="decide-void">{t('complaints.decide.voidSelection')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item
          name="reasoning"
          label={t('complaints.decide.reasoning')}
          rules={[
            {
              required: true,
              whitespace: true,
              min: 2,
              max: 5000,
              message: t('complaints.reasons.reasoning_required'),
            },
          ]}
        >
          <Input.TextArea rows={5} maxLength={5000} data-testid="decide-reasoning" />
        </Form.Item>
        <Form.Item
          name="summary"
          label={t('complaints.decide.summary')}
          rules={[
            { required: true, whitespace: true, min: 2, max: 1000, message: t('complaints.reasons.summary_required') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="decide-summary" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
