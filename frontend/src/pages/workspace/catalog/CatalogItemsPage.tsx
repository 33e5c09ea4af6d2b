import { useState } from 'react';
import { Button, Card, Flex, Input, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCatalogItems, useCategories } from '../../../api/hooks';
import type { ServiceItem } from '../../../api/client';
import { useLocalName, useRequirementLabel } from '../../../components/agency';
import { CategorySelect } from '../../../components/catalog';
import { QueryError } from '../../../components/QueryError';
import { useUrlFilters } from '../../../lib/useUrlFilters';
import { ItemDrawer } from './ItemDrawer';

/** 服务事项目录: the platform admin keeps the catalogue of service items. */
export function CatalogItemsPage() {
  const { t } = useTranslation();
  const name = useLocalName();
  const requirementLabel = useRequirementLabel();
  const [{ category, q }, setFilter] = useUrlFilters('category', 'q');
  const { data, isFetching, error, refetch } = useCatalogItems({ category, q, includeInactive: true });
  const { data: categories } = useCategories();
  const [editing, setEditing] = useState<ServiceItem | 'new'>();

  const categoryName = (code: string) => {
    const c = categories?.find((x) => x.code === code);
    return c ? name(c) : code;
  };

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('catalog.itemsTitle')}
        </Typography.Title>
      }
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="create-item">
          {t('catalog.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('catalog.itemsLead')}</Typography.Paragraph>
      <Flex gap={12} wrap style={{ marginBottom: 16 }} align="center">
        <CategorySelect
          value={category}
          onChange={(v) => setFilter('category', v)}
          style={{ width: 200 }}
          aria-label={t('catalog.category')}
          data-testid="item-category-filter"
          allLabel={t('catalog.allCategories')}
        />
        <Input.Search
          defaultValue={q}
          allowClear
          placeholder={t('catalog.searchPlaceholder')}
          onSearch={(v) => setFilter('q', v.trim())}
          style={{ maxWidth: 320 }}
          data-testid="item-search"
        />
        {data && <Typography.Text type="secondary">{t('catalog.total', { count: data.length })}</Typography.Text>}
      </Flex>
      {error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<ServiceItem>
          rowKey="id"
          loading={isFetching}
          dataSource={data ?? []}
          locale={{ emptyText: t('catalog.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          size="middle"
          scroll={{ x: 1000 }}
          data-testid="items-table"
          columns={[
            {
              title: t('catalog.code'),
              dataIndex: 'code',
              width: 100,
              render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
            },
            {
              title: t('catalog.name'),
              key: 'name',
              render: (_, item) => (
                <>
                  {name(item)}
                  <br />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {categoryName(item.categoryCode)}
                  </Typography.Text>
                </>
              ),
            },
            { title: t('catalog.regulator'), dataIndex: 'regulatorName', width: 170 },
            {
              title: t('catalog.timeLimits'),
              key: 'days',
              width: 110,
              render: (_, item) => `${item.legalDays} / ${item.committedDays}`,
            },
            {
              title: t('catalog.requirements'),
              key: 'requirements',
              width: 240,
              render: (_, item) =>
                (item.requirements ?? []).length === 0 ? (
                  <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
                ) : (
                  <Space size={[4, 4]} wrap>
                    {(item.requirements ?? []).map((r) => (
                      <Tag key={r.typeId} bordered={false} color="blue">
                        {requirementLabel(r)}
                      </Tag>
                    ))}
                  </Space>
                ),
            },
            {
              title: t('catalog.status'),
              dataIndex: 'active',
              width: 80,
              render: (active: boolean) =>
                active ? <Tag color="success">{t('catalog.active')}</Tag> : <Tag>{t('catalog.retired')}</Tag>,
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 80,
              fixed: 'right',
              render: (_, item) => (
                <Button size="small" onClick={() => setEditing(item)} data-testid={`edit-item-${item.code}`}>
                  {t('common.edit')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <ItemDrawer item={editing} onClose={() => setEditing(undefined)} />
    </Card>
  );
}
