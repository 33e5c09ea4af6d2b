import { App, Badge, Button, Card, List, Typography } from 'antd';
import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMarkNotificationsRead, useNotifications } from '../../../api/hooks';
import type { Notification } from '../../../api/client';
import { useBilingual } from '../../../components/agency';
import { DateTime } from '../../../components/labels';
import { QueryError } from '../../../components/QueryError';
import { errorMessage } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/datetime';

const text = (params: Notification['params'], key: string) => {
  const v = params[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
};

/** Words a notification from its kind and parameters, in the reader's language. */
function useNotificationText() {
  const { t } = useTranslation();
  const pick = useBilingual();
  return (n: Notification) => {
    if (n.kind === 'qualification_expiring')
      return {
        title: t('notifications.kinds.qualification_expiring'),
        body: t('notifications.bodies.qualification_expiring', {
          type: pick(text(n.params, 'typeNameZh'), text(n.params, 'typeNameEn')),
          certificateNo: text(n.params, 'certificateNo'),
          validTo: text(n.params, 'validTo'),
        }),
      };
    const reason = text(n.params, 'reason');
    const title = (kind: string) => t(`notifications.kinds.${kind}` as 'notifications.kinds.application_approved');
    switch (n.kind) {
      case 'application_approved':
        return { title: title(n.kind), body: t('notifications.bodies.application_approved') };
      case 'application_rejected':
        return { title: title(n.kind), body: t('notifications.bodies.application_rejected', { reason }) };
      case 'qualification_approved':
      case 'qualification_rejected':
        return {
          title: title(n.kind),
          body: t(`notifications.bodies.${n.kind}`, {
            type: pick(text(n.params, 'typeNameZh'), text(n.params, 'typeNameEn')),
            certificateNo: text(n.params, 'certificateNo'),
            reason,
          }),
        };
      case 'listing_approved':
      case 'listing_rejected':
        return {
          title: title(n.kind),
          body: t(`notifications.bodies.${n.kind}`, {
            item: `${text(n.params, 'itemCode')} ${pick(text(n.params, 'itemNameZh'), text(n.params, 'itemNameEn'))}`,
            reason,
          }),
        };
      case 'sanction_imposed': {
        const endsAt = text(n.params, 'endsAt');
        return {
          title: title(n.kind),
          body: t('notifications.bodies.sanction_imposed', {
            kind: t(`sanctionKinds.${text(n.params, 'sanctionKind')}` as 'sanctionKinds.suspension'),
            reason,
            basis: text(n.params, 'legalBasis'),
            until: endsAt ? formatDateTime(endsAt) : t('sanction.indefinite'),
          }),
        };
      }
      case 'sanction_lifted':
        return {
          title: title(n.kind),
          body: t('notifications.bodies.sanction_lifted', {
            kind: t(`sanctionKinds.${text(n.params, 'sanctionKind')}` as 'sanctionKinds.suspension'),
            reason: text(n.params, 'liftReason'),
          }),
        };
      case 'registration_closed':
      case 'selection_made':
      case 'selection_voided':
      case 'objection_filed':
      case 'objection_answered':
      case 'announcement_awarded':
      case 'announcement_failed':
        return {
          title: title(n.kind),
          body: t(`notifications.bodies.${n.kind}`, { title: text(n.params, 'title'), code: text(n.params, 'code') }),
        };
      case 'contract_awaiting_registration':
      case 'contract_registered':
      case 'contract_active':
      case 'contract_registration_late':
      case 'contract_amendment_proposed':
      case 'contract_amendment_decided':
      case 'contract_terminated':
      case 'contract_milestones_changed':
      case 'contract_payment_recorded':
        return {
          title: title(n.kind),
          body: t(`notifications.bodies.${n.kind}`, {
            title: text(n.params, 'title'),
            code: text(n.params, 'code'),
            reason,
          }),
          link: n.params.contractId ? `/workspace/contracts/${String(n.params.contractId)}` : undefined,
        };
      case 'deliverable_submitted':
      case 'deliverable_returned':
      case 'deliverable_accepted':
      case 'contract_accepted':
        return {
          title: t(`deliverableNotices.kinds.${n.kind}`),
          body: t(`deliverableNotices.bodies.${n.kind}`, {
            title: text(n.params, 'title'),
            code: text(n.params, 'code'),
            milestone: text(n.params, 'milestone'),
            name: text(n.params, 'milestoneName'),
            version: text(n.params, 'version'),
            comments: text(n.params, 'comments'),
            certificate: text(n.params, 'certificate'),
          }),
          link: n.params.contractId ? `/workspace/contracts/${String(n.params.contractId)}` : undefined,
        };
      case 'agency_rated':
      case 'owner_rated': {
        const overall = Number(n.params?.overall ?? 0);
        return {
          title: title(n.kind),
          body: t(`notifications.bodies.${n.kind}`, {
            title: text(n.params, 'title'),
            code: text(n.params, 'contractCode'),
            overall: `${Math.floor(overall / 100)}.${String(overall % 100).padStart(2, '0')}`,
          }),
          link: n.params.contractId ? `/workspace/contracts/${String(n.params.contractId)}` : undefined,
        };
      }
      case 'complaint_filed':
      case 'complaint_reviewed':
      case 'complaint_decided':
        return {
          title: t(`complaints.notices.${n.kind}.title`),
          body: t(`complaints.notices.${n.kind}.body`, {
            title: text(n.params, 'title'),
            code: text(n.params, 'code'),
            status: t(`complaints.statuses.${text(n.params, 'status') as 'filed'}`),
          }),
          link: n.params.complaintId ? `/workspace/complaints/${String(n.params.complaintId)}` : undefined,
        };
      case 'announcement_published':
      case 'announcement_cancelled': {
        const deadline = text(n.params, 'registrationDeadline');
        return {
          title: title(n.kind),
          body: t(`notifications.bodies.${n.kind}`, {
            item: `${text(n.params, 'itemCode')} ${pick(text(n.params, 'itemNameZh'), text(n.params, 'itemNameEn'))}`,
            title: text(n.params, 'title'),
            code: text(n.params, 'code'),
            deadline: deadline ? formatDateTime(deadline) : '',
            reason,
          }),
          link: text(n.params, 'code') ? `/notices/${encodeURIComponent(text(n.params, 'code'))}` : undefined,
        };
      }
    }
    return { title: t('notifications.other'), body: '' };
  };
}

/** 消息通知: what the platform tells the agency, such as expiring qualifications. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data, error, isPending, refetch } = useNotifications();
  const readAll = useMarkNotificationsRead();
  const words = useNotificationText();
  const unread = (data ?? []).filter((n) => !n.readAt).length;

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('notifications.title')}
        </Typography.Title>
      }
      extra={
        <Button
          icon={<CheckOutlined />}
          disabled={unread === 0}
          loading={readAll.isPending}
          data-testid="notifications-read-all"
          onClick={() => readAll.mutate(undefined, { onError: (e) => void message.error(errorMessage(t, e)) })}
        >
          {t('notifications.markAllRead')}
        </Button>
      }
    >
      {error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <List
          loading={isPending}
          dataSource={data ?? []}
          locale={{ emptyText: t('notifications.empty') }}
          data-testid="notifications-list"
          renderItem={(n) => {
            const { title, body, link } = words(n) as { title: string; body: string; link?: string };
            return (
              <List.Item>
                <List.Item.Meta
                  avatar={
                    <Badge dot={!n.readAt}>
                      <BellOutlined style={{ fontSize: 20, color: '#1f4e9e' }} />
                    </Badge>
                  }
                  title={
                    <>
                      {title}{' '}
                      {!n.readAt && <Typography.Text type="danger">· {t('notifications.unread')}</Typography.Text>}
                    </>
                  }
                  description={
                    <>
                      <Typography.Paragraph style={{ marginBottom: 4 }}>
                        {link ? <Link to={link}>{body}</Link> : body}
                      </Typography.Paragraph>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        <DateTime value={n.createdAt} />
                      </Typography.Text>
                    </>
                  }
                />
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
