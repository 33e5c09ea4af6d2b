import { useRef, useState } from 'react';
import { App, Button, Card, Empty, Flex, Input, List, Popconfirm, Progress, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/datetime';
import {
  uploadDeliverable,
  useDecide,
  useDeliverableLink,
  useDeliverables,
  useOpenSubmission,
  useSubmit,
  type MilestoneDeliverables,
  type SubmissionView,
} from './api';

const statusColour: Record<SubmissionView['status'], string> = {
  uploading: 'processing',
  submitted: 'gold',
  accepted: 'success',
  returned: 'error',
};

/** A contract's milestones with their versions: the agency uploads and submits, the owner reviews. */
export function DeliverablesPanel({ contractId }: { contractId: number }) {
  const { t } = useTranslation();
  const query = useDeliverables(contractId);
  const link = useDeliverableLink();
  const { message } = App.useApp();
  const download = (id: number) =>
    link.mutate(id, {
      onSuccess: (l) => window.open(l.url, '_blank', 'noopener'),
      onError: (e) => void message.error(errorMessage(t, e)),
    });
  if (query.error) return <QueryError error={query.error} />;
  const d = query.data;
  return (
    <Card title={t('deliverables.title')} loading={query.isPending} data-testid="deliverables-panel">
      {d && (d.milestones ?? []).length === 0 && <Empty description={t('deliverables.noMilestones')} />}
      <Flex vertical gap={16}>
        {(d?.milestones ?? []).map((m) => (
          <MilestoneCard key={m.id} contractId={contractId} milestone={m} download={download} />
        ))}
        {d?.certificate && (
          <Flex wrap gap={8} align="center" data-testid="certificate">
            <Typography.Text strong>{t('deliverables.certificate', { code: d.certificate.code })}</Typography.Text>
            <Button icon={<DownloadOutlined />} onClick={() => download(d.certificate!.fileId)}>
              {t('deliverables.certificateDownload')}
            </Button>
            <Link to={`/verify/c/${d.certificate.code}`}>{t('deliverables.verifyLink')}</Link>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

function MilestoneCard({
  contractId,
  milestone: m,
  download,
}: {
  contractId: number;
  milestone: MilestoneDeliverables;
  download: (id: number) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const open = useOpenSubmission(contractId);
  return (
    <Card
      type="inner"
      size="small"
      data-testid={`milestone-${m.seq}`}
      title={
        <Flex wrap gap={8} align="center">
          <span style={{ whiteSpace: 'normal' }}>{t('deliverables.milestone', { seq: m.seq, name: m.name })}</span>
          {m.final && <Tag>{t('deliverables.final')}</Tag>}
          {m.acceptedAt && <Tag color="success">{t('deliverables.accepted')}</Tag>}
        </Flex>
      }
      extra={
        (m.actions ?? []).includes('open') && (
          <Button
            size="small"
            loading={open.isPending}
            data-testid="open-version"
            onClick={() => open.mutate(m.id, { onError: (e) => void message.error(errorMessage(t, e)) })}
          >
            {t('deliverables.open')}
          </Button>
        )
      }
    >
      <Typography.Text type="secondary">{t('deliverables.due', { date: m.dueOn })}</Typography.Text>
      <Flex vertical gap={12} style={{ marginTop: 8 }}>
        {(m.submissions ?? []).map((s) => (
          <SubmissionCard key={s.id} contractId={contractId} submission={s} download={download} />
        ))}
      </Flex>
    </Card>
  );
}

function SubmissionCard({
  contractId,
  submission: s,
  download,
}: {
  contractId: number;
  submission: SubmissionView;
  download: (id: number) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const submit = useSubmit(contractId);
  const decide = useDecide(contractId);
  const [comments, setComments] = useState('');
  const onError = (e: unknown) => void message.error(errorMessage(t, e));
  return (
    <div data-testid={`version-${s.version}`} style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8 }}>
      <Flex wrap gap={8} align="center">
        <Typography.Text strong>{t('deliverables.version', { version: s.version })}</Typography.Text>
        <Tag color={statusColour[s.status]} data-testid="version-status">
          {t(`deliverables.status.${s.status}`)}
        </Tag>
        {s.submittedAt && <Typography.Text type="secondary">{formatDateTime(s.submittedAt)}</Typography.Text>}
      </Flex>
      {s.comments && (
        <Typography.Paragraph style={{ marginBlock: 4, whiteSpace: 'pre-wrap' }} data-testid="owner-comments">
          {t('deliverables.ownerComments', { comments: s.comments })}
        </Typography.Paragraph>
      )}
      <List
        size="small"
        locale={{ emptyText: t('deliverables.noFiles') }}
        dataSource={s.files ?? []}
        renderItem={(f) => (
          <List.Item
            actions={[
              <Button
                key="d"
                size="small"
                icon={<DownloadOutlined />}
                onClick={() => download(f.id)}
                aria-label={t('deliverables.download')}
              >
                {t('deliverables.download')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={<span style={{ wordBreak: 'break-all' }}>{f.filename}</span>}
              description={<code style={{ wordBreak: 'break-all', fontSize: 12 }}>{f.sha256}</code>}
            />
          </List.Item>
        )}
      />
      {(s.actions ?? []).includes('upload') && <Uploader contractId={contractId} submissionId={s.id} />}
      <Space wrap style={{ marginTop: 8 }}>
        {(s.actions ?? []).includes('submit') && (
          <Popconfirm title={t('deliverables.submitConfirm')} onConfirm={() => submit.mutate(s.id, { onError })}>
            <Button type="primary" loading={submit.isPending} data-testid="submit-version">
              {t('deliverables.submit')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      {(s.actions ?? []).includes('decide') && (
        <Flex vertical gap={8} style={{ marginTop: 8 }}>
          <Input.TextArea
            rows={2}
            maxLength={2000}
            value={comments}
            onChange={(e) => setComments(e.target.value)}
            placeholder={t('deliverables.commentsPlaceholder')}
            aria-label={t('deliverables.comments')}
            data-testid="decision-comments"
          />
          <Space wrap>
            <Button
              type="primary"
              loading={decide.isPending}
              data-testid="accept-version"
              onClick={() => decide.mutate({ id: s.id, accept: true, comments }, { onError })}
            >
              {t('deliverables.accept')}
            </Button>
            <Button
              danger
              loading={decide.isPending}
              data-testid="return-version"
              onClick={() => decide.mutate({ id: s.id, accept: false, comments }, { onError })}
            >
              {t('deliverables.return')}
            </Button>
          </Space>
        </Flex>
      )}
    </div>
  );
}

/** Picks a file and streams it with a visible progress bar; a failed upload can be retried. */
function Uploader({ contractId, submissionId }: { contractId: number; submissionId: number }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const refresh = useDeliverables(contractId).refetch;
  const [state, setState] = useState<{ file: File; progress: number; error?: string; done?: boolean }>();
  const start = (file: File) => {
    setState({ file, progress: 0 });
    uploadDeliverable(submissionId, file, (p) => setState((s) => (s ? { ...s, progress: p } : s)))
      .then(() => {
        setState((s) => (s ? { ...s, progress: 1, done: true } : s));
        void refresh();
      })
      .catch((e: unknown) => setState((s) => (s ? { ...s, error: errorMessage(t, e) } : s)));
  };
  return (
    <Flex vertical gap={4} style={{ marginTop: 8 }}>
      <input
        ref={input}
        type="file"
        hidden
        data-testid="deliverable-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) start(f);
        }}
      />
      <Button
        icon={<UploadOutlined />}
        disabled={!!state && !state.error && !state.done}
        onClick={() => input.current?.click()}
        style={{ alignSelf: 'start' }}
      >
        {t('deliverables.upload')}
      </Button>
      {state && (
        <div data-testid="upload-progress">
          <Typography.Text style={{ wordBreak: 'break-all' }}>
            {t('deliverables.uploading', { name: state.file.name })}
          </Typography.Text>
          <Progress
            percent={Math.floor(state.progress * 100)}
            format={(p) => `${p}%`}
            status={state.error ? 'exception' : state.done ? 'success' : 'active'}
          />
          {state.error && (
            <Flex wrap gap={8} align="center">
              <Typography.Text type="danger" data-testid="upload-error">
                {t('deliverables.failed', { reason: state.error })}
              </Typography.Text>
              <Button size="small" onClick={() => start(state.file)} data-testid="upload-retry">
                {t('deliverables.retry')}
              </Button>
            </Flex>
          )}
        </div>
      )}
    </Flex>
  );
}
