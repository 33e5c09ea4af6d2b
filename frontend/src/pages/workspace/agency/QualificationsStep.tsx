import { App, Button, Popconfirm, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDeleteQualification } from '../../../api/hooks';
import type { Application, Qualification } from '../../../api/client';
import { canDeleteQualification, isUnderReview, rejectionReason } from '../../../lib/application';
import { errorMessage } from '../../../lib/errors';
import { ReviewStatusTag, useBilingual, ValidityTag } from '../../../components/agency';
import { DownloadButton } from '../../../components/DocumentPreview';
import { QualificationModal } from './QualificationModal';
import { AddBar, StatusWithReason, useRowEditor } from './stepTable';

/** 资质: the certificates the agency holds, each with its scan. */
export function QualificationsStep({ app }: { app: Application }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const pick = useBilingual();
  const orgId = app.organisation.id;
  const remove = useDeleteQualification(orgId);
  const { editing, open, edit, close } = useRowEditor<Qualification>();

  return (
    <>
      <AddBar onAdd={() => edit()} testId="add-qualification">
        {t('qualification.add')}
      </AddBar>
      <Table<Qualification>
        rowKey="id"
        dataSource={app.qualifications ?? []}
        pagination={false}
        size="middle"
        scroll={{ x: 980 }}
        locale={{ emptyText: t('qualification.empty') }}
        data-testid="qualifications-table"
        columns={[
          {
            title: t('qualification.type'),
            key: 'type',
            render: (_, q) => (
              <>
                <Typography.Text strong>{pick(q.typeNameZh, q.typeNameEn)}</Typography.Text>
                <br />
                {pick(q.levelNameZh, q.levelNameEn)}
              </>
            ),
          },
          { title: t('qualification.certificateNo'), dataIndex: 'certificateNo' },
          { title: t('qualification.issuer'), dataIndex: 'issuer' },
          {
            title: t('qualification.validity'),
            key: 'validity',
            render: (_, q) => (
              <Space direction="vertical" size={2}>
                <span>{t('common.dateRange', { from: q.validFrom, to: q.validTo })}</span>
                <ValidityTag expired={q.expired} />
              </Space>
            ),
          },
          {
            title: t('qualification.scan'),
            key: 'scan',
            render: (_, q) => (
              <Space direction="vertical" size={2}>
                <Typography.Text ellipsis style={{ maxWidth: 160 }}>
                  {q.fileName}
                </Typography.Text>
                <DownloadButton fileId={q.fileId} />
              </Space>
            ),
          },
          {
            title: t('qualification.status'),
            key: 'status',
            width: 220,
            render: (_, q) => (
              <StatusWithReason
                tags={<ReviewStatusTag status={q.status} />}
                reason={rejectionReason(app.history, 'qualification', q.id, q.status)}
              />
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 140,
            render: (_, q) =>
              isUnderReview(q.status) ? null : (
                <Space size={4}>
                  <Button size="small" onClick={() => edit(q)} data-testid={`edit-qualification-${q.id}`}>
                    {t('common.edit')}
                  </Button>
                  {canDeleteQualification(q) && (
                    <Popconfirm
                      title={t('common.deleteConfirm')}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                      onConfirm={() =>
                        remove.mutate(q.id, {
                          onSuccess: () => void message.success(t('qualification.deleted')),
                          onError: (e) => void message.error(errorMessage(t, e)),
                        })
                      }
                    >
                      <Button size="small" danger>
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <QualificationModal orgId={orgId} editing={editing} open={open} onClose={close} />
    </>
  );
}
