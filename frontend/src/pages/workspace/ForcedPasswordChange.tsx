import { Alert, Button, Flex } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { queryKeys, useSignOut } from '../../api/hooks';
import { ChangePasswordCard } from './AccountPage';
import { TrainingClockBanner } from '../../features/trainingclock/TrainingClockBanner';

/**
 * After an administrator reset the password, the user chooses a new one before anything else.
 * The server agrees: until then their session reaches only their own account.
 */
export function ForcedPasswordChange() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  return (
    <>
      <TrainingClockBanner />
      <Flex
        vertical
        gap={16}
        style={{ maxWidth: 520, margin: '0 auto', padding: '48px 16px 64px' }}
        data-testid="must-change-password"
      >
        <Alert
          type="warning"
          showIcon
          message={t('orgAdmin.mustChangeTitle')}
          description={t('orgAdmin.mustChangeBody')}
        />
        <ChangePasswordCard
          title={t('orgAdmin.mustChangeTitle')}
          currentLabel={t('orgAdmin.temporaryPassword')}
          onChanged={() => void queryClient.invalidateQueries({ queryKey: queryKeys.session })}
        />
        <Button type="link" onClick={() => signOut.mutate()}>
          {t('common.signOut')}
        </Button>
      </Flex>
    </>
  );
}
