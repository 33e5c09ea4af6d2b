import { useState } from 'react';
import { Button, Card, Descriptions, Flex, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useOrganisation } from '../../api/hooks';
import { isApiError } from '../../api/problem';
import { DateTime, KindTag, OrganisationStatusTag } from '../../components/labels';
import { useRegionLabel } from '../../components/regions';
import { QueryError } from '../../components/QueryError';
import { UsersCard } from './UsersCard';
import { EditOrganisationModal } from './EditOrganisationModal';
import { OrganisationChangesCard } from './OrganisationChangesCard';
import { canCorrectOrganisations } from '../../lib/roles';
import { useCurrentSession } from './session';

/** One organisation and its users: "My organisation", or a row of the organisation list. */
export function OrganisationPage({ orgId, showBack = false }: { orgId: number; showBack?: boolean }) {
  const { t } = useTranslation();
  const { data: org, isPending, error, refetch } = useOrganisation(orgId);
  const regionLabel = useRegionLabel();
  const session = useCurrentSession();
  const correct = canCorrectOrganisations(session.user);
  const [editing, setEditing] = useState(false);

  const back = showBack && (
    <Link to="/workspace/organisations" data-testid="back-to-organisations">
      <ArrowLeftOutlined /> {t('organisation.back')}
    </Link>
  );

  if (isPending) return <Skeleton active />;
  if (error) {
    return (
      <Flex vertical gap={16}>
        {back}
        {isApiError(error, 404) ? (
          <Typography.Text type="secondary">{t('organisation.notFound')}</Typography.Text>
        ) : (
          <QueryError error={error} onRetry={() => void refetch()} />
        )}
      </Flex>
    );
  }

  return (
    <Flex vertical gap={16}>
      {back}
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="organisation-name">
            {org.name}
          </Typography.Title>
        }
        extra={
          <Space wrap>
            <KindTag kind={org.kind} />
            {correct && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-organisation">
                {t('orgAdmin.edit')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('organisations.creditCode')}>
            <Typography.Text code copyable>
              {org.creditCode}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('organisations.region')}>{regionLabel(org.regionCode)}</Descriptions.Item>
          <Descriptions.Item label={t('organisations.status')}>
            <OrganisationStatusTag status={org.status} />
          </Descriptions.Item>
          {org.contactName && (
            <Descriptions.Item label={t('organisations.contactName')}>{org.contactName}</Descriptions.Item>
          )}
          {org.contactPhone && (
            <Descriptions.Item label={t('organisations.contactPhone')}>{org.contactPhone}</Descriptions.Item>
          )}
          <Descriptions.Item label={t('organisations.createdAt')}>
            <DateTime value={org.createdAt} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <UsersCard organisation={org} />
      {correct && <OrganisationChangesCard orgId={org.id} />}
      {correct && <EditOrganisationModal organisation={org} open={editing} onClose={() => setEditing(false)} />}
    </Flex>
  );
}
