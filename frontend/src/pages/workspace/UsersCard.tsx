import { useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useOrganisationUsers, useSetUserDisabled } from '../../api/hooks';
import type { Organisation, User } from '../../api/client';
import { canCorrectOrganisations, canManageUsers } from '../../lib/roles';
import { errorMessage } from '../../lib/errors';
import { DateTime, UserStatusTag, useRoleLabel } from '../../components/labels';
import { QueryError } from '../../components/QueryError';
import { AddUserModal } from './AddUserModal';
import { UserAdminActions } from './UserAdminActions';
import { useCurrentSession } from './session';

/** An organisation's users; admins of it (and the platform admin) add, disable and enable. */
export function UsersCard({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useCurrentSession();
  const { data: users, isPending, error, refetch } = useOrganisationUsers(organisation.id);
  const setDisabled = useSetUserDisabled();
  const [adding, setAdding] = useState(false);
  const roleLabel = useRoleLabel();
  const manage = canManageUsers(session.user, organisation);
  const correct = canCorrectOrganisations(session.user);

  const toggle = (user: User, disabled: boolean) =>
    setDisabled.mutate(
      { user, disabled },
      {
        onSuccess: () =>
          void message.success(
            t(disabled ? 'organisation.userDisabled' : 'organisation.userEnabled', { name: user.displayName }),
          ),
        onError: (e) => void message.error(errorMessage(t, e)),
      },
    );

  return (
    <Card
      title={t('organisation.users')}
      extra={
        manage && (
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)} data-testid="add-user">
            {t('organisation.addUser')}
          </Button>
        )
      }
    >
      {error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<User>
          rowKey="id"
          loading={isPending}
          dataSource={users ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          size="middle"
          scroll={{ x: 760 }}
          data-testid="users-table"
          columns={[
            {
              title: t('organisation.username'),
              dataIndex: 'username',
              render: (username: string) => <Typography.Text code>{username}</Typography.Text>,
            },
            {
              title: t('organisation.displayName'),
              dataIndex: 'displayName',
              render: (name: string, user) => (
                <>
                  {name} {user.id === session.user.id && <Tag bordered={false}>{t('organisation.you')}</Tag>}
                </>
              ),
            },
            { title: t('organisation.role'), dataIndex: 'role', render: (role: string) => roleLabel(role) },
            {
              title: t('organisation.status'),
              dataIndex: 'disabled',
              width: 100,
              render: (disabled: boolean) => <UserStatusTag disabled={disabled} />,
            },
            {
              title: t('organisation.createdAt'),
              dataIndex: 'createdAt',
              width: 150,
              render: (v: string) => <DateTime value={v} />,
            },
            ...(manage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: correct ? 300 : 110,
                    // Nobody disables themselves: it would lock the last admin out.
                    render: (_: unknown, user: User) =>
                      user.id === session.user.id ? null : (
                        <Space size={4} wrap>
                          {correct && <UserAdminActions user={user} organisation={organisation} />}
                          {user.disabled ? (
                            <Button
                              size="small"
                              onClick={() => toggle(user, false)}
                              data-testid={`enable-${user.username}`}
                            >
                              {t('organisation.enable')}
                            </Button>
                          ) : (
                            <Popconfirm
                              title={t('organisation.disableConfirm', { name: user.displayName })}
                              okText={t('common.confirm')}
                              cancelText={t('common.cancel')}
                              onConfirm={() => toggle(user, true)}
                            >
                              <Button size="small" danger data-testid={`disable-${user.username}`}>
                                {t('organisation.disable')}
                              </Button>
                            </Popconfirm>
                          )}
                        </Space>
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {manage && <AddUserModal organisation={organisation} open={adding} onClose={() => setAdding(false)} />}
    </Card>
  );
}
