import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Popconfirm, Space, Table, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError';
import { useLocalName } from '../../components/agency';
import { useRegionLabel } from '../../components/regions';
import { errorMessage } from '../../lib/errors';
import { offers } from '../../lib/permissions';
import { useDeleteService, useProject, type PlannedService } from './api';
import { Money, ServiceStateTag, StatusTag, useStageLabel } from './labels';
import { ProjectModal, ServiceModal } from './ProjectForms';

/** A project with its planned services, their state and announcements. */
export function ProjectPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data: p, error, isPending, refetch } = useProject(id);
  const [editing, setEditing] = useState(false);
  const [service, setService] = useState<PlannedService | 'new' | undefined>();
  const remove = useDeleteService(id);
  const region = useRegionLabel();
  const stage = useStageLabel();
  const name = useLocalName();
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (isPending || !p) return <Card loading />;
  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="project-title">
            {p.name}
          </Typography.Title>
        }
        extra={
          offers(p, 'edit') && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-project">
              {t('procurement.projects.edit')}
            </Button>
          )
        }
      >
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('procurement.projects.code')}>{p.code}</Descriptions.Item>
          <Descriptions.Item label={t('procurement.projects.owner')}>{p.ownerName}</Descriptions.Item>
          <Descriptions.Item label={t('procurement.projects.region')}>{region(p.regionCode)}</Descriptions.Item>
          <Descriptions.Item label={t('procurement.projects.stage')}>{stage(p.stage)}</Descriptions.Item>
          <Descriptions.Item label={t('procurement.projects.investment')}>
            <Money fen={p.totalInvestmentFen} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={t('procurement.projects.services')}
        extra={
          offers(p, 'add_service') && (
            <Button icon={<PlusOutlined />} onClick={() => setService('new')} data-testid="add-service">
              {t('procurement.services.add')}
            </Button>
          )
        }
      >
        <Table<PlannedService>
          rowKey="id"
          dataSource={p.services}
          pagination={false}
          size="middle"
          scroll={{ x: 900 }}
          locale={{ emptyText: t('procurement.services.empty') }}
          data-testid="planned-services"
          columns={[
            {
              title: t('procurement.services.item'),
              key: 'item',
              render: (_, s) => `${s.itemCode} ${name({ nameZh: s.itemNameZh, nameEn: s.itemNameEn })}`,
            },
            { title: t('procurement.services.plannedDate'), dataIndex: 'plannedDate', width: 120 },
            {
              title: t('procurement.services.state'),
              key: 'state',
              width: 100,
              render: (_, s) => <ServiceStateTag state={s.state} />,
            },
            {
              title: t('procurement.services.announcements'),
              key: 'announcements',
              width: 260,
              render: (_, s) =>
                s.announcements.length === 0 ? (
                  t('procurement.services.none')
                ) : (
                  <Flex vertical gap={2}>
                    {s.announcements.map((a) => (
                      <Space key={a.id} size={4} wrap>
                        <Link to={`/workspace/announcements/${a.id}`}>
                          {a.code || t('procurement.round', { round: a.round })}
                        </Link>
                        <StatusTag status={a.status} />
                      </Space>
                    ))}
                  </Flex>
                ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 240,
              render: (_, s) => (
                <Space wrap size={4}>
                  {offers(s, 'announce') && (
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => void navigate(`/workspace/announcements/new?service=${s.id}`)}
                      data-testid="announce-service"
                    >
                      {t('procurement.services.announce')}
                    </Button>
                  )}
                  {offers(s, 'edit') && (
                    <Button size="small" onClick={() => setService(s)}>
                      {t('procurement.announcements.actions.edit')}
                    </Button>
                  )}
                  {offers(s, 'delete') && (
                    <Popconfirm
                      title={t('procurement.services.deleteConfirm')}
                      onConfirm={() =>
                        remove.mutateAsync(s.id).catch((e: unknown) => void message.error(errorMessage(t, e)))
                      }
                    >
                      <Button size="small" danger>
                        {t('procurement.services.delete')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <ProjectModal open={editing} project={p} onClose={() => setEditing(false)} />
      <ServiceModal
        open={service !== undefined}
        projectId={p.id}
        service={service === 'new' ? undefined : service}
        onClose={() => setService(undefined)}
      />
    </Flex>
  );
}
