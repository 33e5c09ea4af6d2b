import { useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/datetime';
import { errorMessage } from '../../lib/errors';
import { useMyRegistrations, useWithdraw, yuan, type MyRegistration } from './api';
import { RegistrationModal, type RegistrationTarget } from './RegistrationModal';
import { ObjectionModal } from './ObjectionModal';
import { FileComplaintButton, type ComplaintTarget } from '../complaints/FileComplaint';

/** 我的报名: the agency's registrations, changed or withdrawn before the deadline, objected after. */
export function RegistrationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data, error, isPending, refetch } = useMyRegistrations();
  const withdraw = useWithdraw();
  const [target, setTarget] = useState<RegistrationTarget | null>(null);
  const [objectTo, setObjectTo] = useState<number | null>(null);
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('competition.registrations.title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph type="secondary">{t('competition.registrations.lead')}</Typography.Paragraph>
      {error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<MyRegistration>
          rowKey="id"
          loading={isPending}
          dataSource={data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          size="middle"
          scroll={{ x: 900 }}
          locale={{ emptyText: t('competition.registrations.empty') }}
          data-testid="my-registrations"
          columns={[
            {
              title: t('competition.opportunities.announcement'),
              key: 'title',
              render: (_, r) => (
                <>
                  <div>{r.title}</div>
                  <Typography.Text type="secondary">
                    {r.announcementCode} · {t(`competition.methods.${r.method}`)}
                  </Typography.Text>
                </>
              ),
            },
            {
              title: t('competition.registrations.quote'),
              dataIndex: 'quoteFen',
              width: 130,
              align: 'right',
              render: (f?: number) => yuan(f),
            },
            {
              title: t('competition.opportunities.deadline'),
              dataIndex: 'registrationDeadline',
              width: 150,
              render: (d: string) => formatDateTime(d),
            },
            {
              title: t('competition.registrations.status'),
              key: 'status',
              width: 150,
              render: (_, r) => (
                <Space size={4} wrap>
                  <Tag color={r.status === 'registered' ? 'blue' : 'default'}>
                    {r.status === 'registered'
                      ? t('competition.registrations.active')
                      : t('competition.registrations.withdrawn')}
                  </Tag>
                  {r.eligible === false && <Tag color="error">{t('competition.registrations.ineligible')}</Tag>}
                  {r.rank !== undefined && (
                    <Tag>
                      {t('competition.registrations.rank')} {r.rank}
                    </Tag>
                  )}
                </Space>
              ),
            },
            {
              title: t('competition.registrations.announcementStatus'),
              dataIndex: 'announcementStatus',
              width: 120,
              render: (s: MyRegistration['announcementStatus']) => t(`competition.statuses.${s}`),
            },
            {
              key: 'act',
              width: 200,
              render: (_, r) => (
                <Space wrap size={4}>
                  {r.actions.includes('change') && (
                    <Button
                      size="small"
                      onClick={() =>
                        setTarget({
                          id: r.announcementId,
                          title: r.title,
                          method: r.method,
                          ceilingFen: r.ceilingFen,
                          abnormalLowFen: r.abnormalLowFen,
                          quoteFen: r.quoteFen,
                          justification: r.justification,
                        })
                      }
                    >
                      {r.status === 'registered'
                        ? t('competition.opportunities.change')
                        : t('competition.opportunities.register')}
                    </Button>
                  )}
                  {r.actions.includes('withdraw') && (
                    <Popconfirm
                      title={t('competition.registrations.withdrawConfirm')}
                      onConfirm={() =>
                        withdraw.mutate(r.announcementId, {
                          onSuccess: () => void message.success(t('competition.registrations.withdrawn_done')),
                          onError: (e) => void message.error(errorMessage(t, e)),
                        })
                      }
                    >
                      <Button size="small" danger>
                        {t('competition.registrations.withdraw')}
                      </Button>
                    </Popconfirm>
                  )}
                  {r.actions.includes('object') && r.currentSelectionId !== undefined && (
                    <Button size="small" onClick={() => setObjectTo(r.currentSelectionId ?? null)}>
                      {t('competition.registrations.object')}
                    </Button>
                  )}
                  {r.status === 'registered' && r.announcementStatus !== 'cancelled' && (
                    <FileComplaintButton size="small" targets={complaintTargets(r)} />
                  )}
                  {['closed', 'failed', 'in_publicity', 'awarded'].includes(r.announcementStatus) && (
                    <Link to={`/notices/${encodeURIComponent(r.announcementCode)}/result`}>
                      {t('competition.registrations.result')}
                    </Link>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      <RegistrationModal target={target} onClose={() => setTarget(null)} />
      <ObjectionModal selectionId={objectTo} onClose={() => setObjectTo(null)} />
    </Card>
  );
}

/** What a registrant may complain about: the announcement, and its current selection once made. */
function complaintTargets(r: MyRegistration): ComplaintTarget[] {
  const targets: ComplaintTarget[] = [{ kind: 'announcement', id: r.announcementId }];
  if (r.currentSelectionId !== undefined && ['in_publicity', 'awarded'].includes(r.announcementStatus)) {
    targets.push({ kind: 'selection', id: r.currentSelectionId });
  }
  return targets;
}
