import { useState } from 'react';
import { Button, Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/datetime';
import { useBilingual } from '../../components/agency';
import { useOpportunities, yuan, type Opportunity } from './api';
import { RegistrationModal, type RegistrationTarget } from './RegistrationModal';

/** 可报名项目: open announcements the agency is eligible for, with registration. */
export function OpportunitiesPage() {
  const { t } = useTranslation();
  const pick = useBilingual();
  const { data, error, isPending, refetch } = useOpportunities();
  const [target, setTarget] = useState<RegistrationTarget | null>(null);
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('competition.opportunities.title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph type="secondary">{t('competition.opportunities.lead')}</Typography.Paragraph>
      {error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<Opportunity>
          rowKey="id"
          loading={isPending}
          dataSource={data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          size="middle"
          scroll={{ x: 860 }}
          locale={{ emptyText: t('competition.opportunities.empty') }}
          data-testid="opportunities"
          columns={[
            {
              title: t('competition.opportunities.announcement'),
              key: 'title',
              render: (_, o) => (
                <>
                  <div>{o.title}</div>
                  <Typography.Text type="secondary">
                    {o.code} · {pick(o.itemNameZh, o.itemNameEn)}
                  </Typography.Text>
                </>
              ),
            },
            {
              title: t('competition.opportunities.method'),
              dataIndex: 'method',
              width: 120,
              render: (m: Opportunity['method']) => t(`competition.methods.${m}`),
            },
            {
              title: t('competition.opportunities.ceiling'),
              dataIndex: 'ceilingFen',
              width: 140,
              align: 'right',
              render: (f: number) => yuan(f),
            },
            {
              title: t('competition.opportunities.deadline'),
              dataIndex: 'registrationDeadline',
              width: 150,
              render: (d: string) => formatDateTime(d),
            },
            { title: t('competition.opportunities.registrants'), dataIndex: 'registrantCount', width: 90 },
            {
              key: 'act',
              width: 130,
              render: (_, o) =>
                o.registered ? (
                  <Tag color="success">{t('competition.opportunities.registered')}</Tag>
                ) : (
                  <Button
                    type="primary"
                    onClick={() =>
                      setTarget({
                        id: o.id,
                        title: o.title,
                        method: o.method,
                        ceilingFen: o.ceilingFen,
                        statedPriceFen: o.statedPriceFen,
                        abnormalLowFen: o.abnormalLowFen,
                      })
                    }
                  >
                    {t('competition.opportunities.register')}
                  </Button>
                ),
            },
          ]}
        />
      )}
      <RegistrationModal target={target} onClose={() => setTarget(null)} />
    </Card>
  );
}
