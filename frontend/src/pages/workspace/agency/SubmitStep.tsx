import { Alert, App, Button, Flex, Popconfirm, Typography } from 'antd';
import { CheckCircleOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSubmitApplication } from '../../../api/hooks';
import type { Application } from '../../../api/client';
import { hasSomethingToSubmit, missingForSubmission, pendingSubmission } from '../../../lib/application';
import { errorMessage } from '../../../lib/errors';
import { can } from '../../../lib/permissions';
import { useCurrentSession } from '../session';

/** 提交审核: what the next submission sends, and the button (for the agency's admin). */
export function SubmitStep({ app }: { app: Application }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useCurrentSession();
  const orgId = app.organisation.id;
  const submit = useSubmitApplication(orgId);
  const pending = pendingSubmission(app);
  const missing = missingForSubmission(app.profile);
  const something = hasSomethingToSubmit(pending);
  const mayDo = can(session, 'agency.submitApplication', orgId);

  const lines = [
    pending.profile && t('application.willSubmitProfile'),
    pending.qualifications > 0 && t('application.willSubmitQualifications', { count: pending.qualifications }),
    pending.listings > 0 && t('application.willSubmitListings', { count: pending.listings }),
  ].filter((l): l is string => !!l);

  return (
    <Flex vertical gap={16} data-testid="submit-step">
      {something ? (
        <div>
          <Typography.Paragraph>{t('application.submitLead')}</Typography.Paragraph>
          <ul data-testid="submission-contents">
            {lines.map((line) => (
              <li key={line}>
                <CheckCircleOutlined style={{ color: '#1f4e9e' }} /> {line}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <Alert type="info" showIcon message={t('application.nothingToSubmit')} />
      )}
      {something && missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message={t('application.missingFields', {
            fields: missing.map((f) => t(`application.${f}`)).join(t('common.listSeparator')),
          })}
        />
      )}
      {!something ? null : mayDo ? (
        <Popconfirm
          title={t('application.submitConfirm')}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          disabled={!something || missing.length > 0}
          onConfirm={() =>
            submit.mutate(undefined, {
              onSuccess: () => void message.success(t('application.submitted')),
              onError: (e) => void message.error(errorMessage(t, e)),
            })
          }
        >
          <Button
            type="primary"
            size="large"
            icon={<SendOutlined />}
            disabled={!something || missing.length > 0}
            loading={submit.isPending}
            data-testid="submit-application"
            style={{ alignSelf: 'flex-start' }}
          >
            {t('application.submit')}
          </Button>
        </Popconfirm>
      ) : (
        <Alert type="info" showIcon message={t('application.adminSubmits')} />
      )}
    </Flex>
  );
}
