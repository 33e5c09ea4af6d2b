import { useState, type ReactNode } from 'react';
import { SelectionPanel } from '../competition/SelectionPanel';
import { AuditPanel } from '../audit/AuditPanel';
import {
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Statistic,
  Typography,
} from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError';
import { DateTime } from '../../components/labels';
import { useLocalName } from '../../components/agency';
import { useRegionLabel } from '../../components/regions';
import { errorMessage, showFieldErrors } from '../../lib/errors';
import { offers } from '../../lib/permissions';
import {
  useAnnouncement,
  useCancelAnnouncement,
  useDeleteAnnouncement,
  usePublishAnnouncement,
  useRelistAnnouncement,
  type Announcement,
} from './api';
import { RequirementTags } from './AnnouncementWizard';
import { Countdown, Money, StatusTag, useMethodLabel } from './labels';

/**
 * Panels other parts of procurement add below an announcement's terms (the selection with its
 * draw, publicity and objections), each given the announcement; none until they are built.
 */
export const announcementPanels: ((a: Announcement) => ReactNode)[] = [(a) => <SelectionPanel announcement={a} />];
announcementPanels.push((a) => <AuditPanel kind="announcement" id={a.id} />);

/** One announcement as its owner (or a regulator) sees it, with the actions the API offers. */
export function AnnouncementPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data: a, error, isPending, refetch } = useAnnouncement(id);
  const publish = usePublishAnnouncement();
  const relist = useRelistAnnouncement();
  const remove = useDeleteAnnouncement();
  const [cancelling, setCancelling] = useState(false);
  const method = useMethodLabel();
  const name = useLocalName();
  const region = useRegionLabel();
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (isPending || !a) return <Card loading />;

  const fail = (e: unknown) => void message.error(errorMessage(t, e));
  const actions = (
    <Space wrap>
      {offers(a, 'edit') && (
        <Button onClick={() => void navigate(`/workspace/announcements/${a.id}/edit`)} data-testid="announcement-edit">
          {t('procurement.announcements.actions.edit')}
        </Button>
      )}
      {offers(a, 'publish') && (
        <Popconfirm
          title={t('procurement.wizard.publishConfirm')}
          onConfirm={() =>
            publish
              .mutateAsync(a.id)
              .then((p) => void message.success(t('procurement.announcements.published', { code: p.code })))
              .catch(fail)
          }
        >
          <Button type="primary" loading={publish.isPending} data-testid="announcement-publish">
            {t('procurement.announcements.actions.publish')}
          </Button>
        </Popconfirm>
      )}
      {offers(a, 'delete') && (
        <Popconfirm
          title={t('procurement.announcements.deleteConfirm')}
          onConfirm={() =>
            remove
              .mutateAsync(a.id)
              .then(() => {
                message.success(t('procurement.announcements.deleted'));
                void navigate('/workspace/announcements');
              })
              .catch(fail)
          }
        >
          <Button danger data-testid="announcement-delete">
            {t('procurement.announcements.actions.delete')}
          </Button>
        </Popconfirm>
      )}
      {offers(a, 'cancel') && (
        <Button danger onClick={() => setCancelling(true)} data-testid="announcement-cancel">
          {t('procurement.announcements.actions.cancel')}
        </Button>
      )}
      {offers(a, 'relist') && (
        <Button
          type="primary"
          loading={relist.isPending}
          onClick={() =>
            relist
              .mutateAsync(a.id)
              .then((next) => {
                message.success(t('procurement.announcements.relisted', { round: next.round }));
                void navigate(`/workspace/announcements/${next.id}/edit`);
              })
              .catch(fail)
          }
          data-testid="announcement-relist"
        >
          {t('procurement.announcements.actions.relist')}
        </Button>
      )}
    </Space>
  );

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Flex vertical gap={4} style={{ paddingBlock: 8, minWidth: 0 }}>
            <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'normal' }} data-testid="announcement-title">
              {a.title}
            </Typography.Title>
            <Space wrap size={8}>
              <StatusTag status={a.status} />
              <Typography.Text type="secondary" data-testid="announcement-code">
                {a.code || t('procurement.statuses.draft')}
              </Typography.Text>
              {a.round > 1 && (
                <Typography.Text type="secondary">{t('procurement.round', { round: a.round })}</Typography.Text>
              )}
            </Space>
          </Flex>
        }
      >
        <Flex gap={32} wrap style={{ marginBottom: 16 }}>
          {a.status === 'open' && a.registrationDeadline && <Countdown deadline={a.registrationDeadline} />}
          <Statistic
            title={t('procurement.announcements.registrants')}
            value={a.registrantCount}
            data-testid="registrant-count"
          />
        </Flex>
        {actions}
      </Card>
      <Card title={t('procurement.notices.terms')}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('procurement.announcements.project')}>
            <Link to={`/workspace/projects/${a.projectId}`}>{a.projectName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('procurement.announcements.item')}>
            {a.itemCode} {name({ nameZh: a.itemNameZh, nameEn: a.itemNameEn })}
          </Descriptions.Item>
          <Descriptions.Item label={t('procurement.announcements.owner')}>{a.ownerName}</Descriptions.Item>
          <Descriptions.Item label={t('procurement.announcements.region')}>{region(a.regionCode)}</Descriptions.Item>
          <Descriptions.Item label={t('procurement.announcements.ceiling')}>
            <Money fen={a.ceilingFen} />
          </Descriptions.Item>
          <Descriptions.Item label={t('procurement.announcements.method')}>{method(a.method)}</Descriptions.Item>
          {a.statedPriceFen !== undefined && (
            <Descriptions.Item label={t('procurement.announcements.statedPrice')}>
              <Money fen={a.statedPriceFen} />
            </Descriptions.Item>
          )}
          {a.method === 'comprehensive' && (
            <Descriptions.Item label={t('procurement.announcements.weights')}>
              {t('procurement.announcements.weightPrice')} {a.weightPrice} ·{' '}
              {t('procurement.announcements.weightCredit')} {a.weightCredit} ·{' '}
              {t('procurement.announcements.weightRating')} {a.weightRating}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('procurement.announcements.serviceWorkdays')}>
            {t('procurement.workdays', { count: a.serviceWorkdays })}
          </Descriptions.Item>
          <Descriptions.Item label={t('procurement.announcements.deadline')}>
            {a.registrationDeadline ? <DateTime value={a.registrationDeadline} /> : '—'}
          </Descriptions.Item>
          {a.publishedAt && (
            <Descriptions.Item label={t('procurement.announcements.publishedAt')}>
              <DateTime value={a.publishedAt} />
            </Descriptions.Item>
          )}
          {a.ocid && <Descriptions.Item label={t('procurement.announcements.ocid')}>{a.ocid}</Descriptions.Item>}
          {a.previousId && (
            <Descriptions.Item label={t('procurement.announcements.previous')}>
              <Link to={`/workspace/announcements/${a.previousId}`}>
                {t('procurement.round', { round: a.round - 1 })}
              </Link>
            </Descriptions.Item>
          )}
          {a.nextId && (
            <Descriptions.Item label={t('procurement.announcements.next')}>
              <Link to={`/workspace/announcements/${a.nextId}`}>{t('procurement.round', { round: a.round + 1 })}</Link>
            </Descriptions.Item>
          )}
          {a.cancelReason && (
            <Descriptions.Item label={t('procurement.announcements.cancelReason')}>{a.cancelReason}</Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Title level={5}>{t('procurement.announcements.description')}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.description}</Typography.Paragraph>
        {a.practitionerRequirements && (
          <>
            <Typography.Title level={5}>{t('procurement.announcements.practitionerRequirements')}</Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.practitionerRequirements}</Typography.Paragraph>
          </>
        )}
        <Typography.Title level={5}>{t('procurement.announcements.requirements')}</Typography.Title>
        <RequirementTags
          requirements={a.requirements.map((r) => ({
            zh: `${r.typeNameZh}（${r.levelNameZh}）`,
            en: `${r.typeNameEn} (${r.levelNameEn})`,
          }))}
        />
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('procurement.announcements.avoidances')}
        </Typography.Title>
        {a.avoidances.length === 0 ? (
          <Typography.Text type="secondary">{t('procurement.services.none')}</Typography.Text>
        ) : (
          a.avoidances.map((v) => (
            <Typography.Paragraph key={v.agencyId} style={{ margin: 0 }}>
              {v.agencyName}：{v.reason}
            </Typography.Paragraph>
          ))
        )}
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('procurement.announcements.attachments')}
        </Typography.Title>
        {a.attachments.length === 0 ? (
          <Typography.Text type="secondary">{t('procurement.announcements.noAttachments')}</Typography.Text>
        ) : (
          a.attachments.map((f) => (
            <Typography.Paragraph key={f.fileId} style={{ margin: 0 }}>
              {f.filename}
            </Typography.Paragraph>
          ))
        )}
        {a.drawCommitment && (
          <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('procurement.announcements.commitment')}
            </Typography.Title>
            <Typography.Text code style={{ wordBreak: 'break-all' }}>
              {a.drawCommitment}
            </Typography.Text>
          </>
        )}
      </Card>
      {/* The selection, publicity and objection panels go here (announcementPanels). */}
      {announcementPanels.map((panel, i) => (
        <div key={i}>{panel(a)}</div>
      ))}
      <CancelModal open={cancelling} id={a.id} onClose={() => setCancelling(false)} />
    </Flex>
  );
}

function CancelModal({ open, id, onClose }: { open: boolean; id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useCancelAnnouncement();
  const submit = async ({ reason }: { reason: string }) => {
    try {
      await cancel.mutateAsync({ id, reason });
      message.success(t('procurement.announcements.cancelled'));
      onClose();
    } catch (error) {
      if (!showFieldErrors(form, t, error)) message.error(errorMessage(t, error));
    }
  };
  return (
    <Modal
      open={open}
      title={t('procurement.announcements.cancelTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={cancel.isPending}
      okButtonProps={{ danger: true, ...{ 'data-testid': 'confirm-cancel' } }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('procurement.announcements.cancelHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="reason"
          label={t('procurement.announcements.cancelReason')}
          rules={[{ required: true, whitespace: true, message: t('fieldReasons.required') }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="cancel-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
