import { useState } from 'react';
import { Button, Card, Flex, Input, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError';
import { useRegionLabel } from '../../components/regions';
import { can } from '../../lib/permissions';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useCurrentSession } from '../../pages/workspace/session';
import { useProjects, type Project } from './api';
import { Money, useStageLabel } from './labels';
import { ProjectModal } from './ProjectForms';

/** 投资项目库: the owner's projects (every owner's for regulators) with what each still has to buy. */
export function ProjectsPage() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const navigate = useNavigate();
  const [{ q }, setFilter] = useUrlFilters('q');
  const { data, isFetching, error, refetch } = useProjects(q);
  const [creating, setCreating] = useState(false);
  const region = useRegionLabel();
  const stage = useStageLabel();
  const owner = session.organisation.kind === 'owner';
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('procurement.projects.title')}
        </Typography.Title>
      }
      extra={
        can(session, 'procurement.createProject') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-project">
            {t('procurement.projects.new')}
          </Button>
        )
      }
    >
      <Input.Search
        defaultValue={q}
        allowClear
        placeholder={t('procurement.projects.search')}
        onSearch={(v) => setFilter('q', v.trim())}
        style={{ maxWidth: 360, marginBottom: 16 }}
      />
      {error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<Project>
          rowKey="id"
          loading={isFetching}
          dataSource={data ?? []}
          locale={{ emptyText: t('procurement.projects.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          size="middle"
          scroll={{ x: 960 }}
          data-testid="projects"
          columns={[
            {
              title: t('procurement.projects.name'),
              key: 'name',
              render: (_, p) => (
                <Flex vertical>
                  <Link to={`/workspace/projects/${p.id}`}>{p.name}</Link>
                  <Typography.Text type="secondary">{p.code}</Typography.Text>
                </Flex>
              ),
            },
            ...(owner ? [] : [{ title: t('procurement.projects.owner'), dataIndex: 'ownerName', width: 200 }]),
            {
              title: t('procurement.projects.region'),
              key: 'region',
              width: 110,
              render: (_, p) => region(p.regionCode),
            },
            { title: t('procurement.projects.stage'), key: 'stage', width: 90, render: (_, p) => stage(p.stage) },
            {
              title: t('procurement.projects.investment'),
              key: 'investment',
              width: 170,
              align: 'right',
              render: (_, p) => <Money fen={p.totalInvestmentFen} />,
            },
            {
              title: t('procurement.projects.services'),
              key: 'services',
              width: 240,
              render: (_, p) => t('procurement.projects.counts', { toBuy: p.toBuy, open: p.open, done: p.done }),
            },
          ]}
        />
      )}
      <ProjectModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(p) => void navigate(`/workspace/projects/${p.id}`)}
      />
    </Card>
  );
}
