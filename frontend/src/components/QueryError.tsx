import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/problem';

/** What a page shows when its data did not load. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const forbidden = isApiError(error, 403);
  return (
    <Alert
      type="error"
      showIcon
      message={
        forbidden ? t('common.forbidden') : isApiError(error, 0) ? t('common.networkError') : t('common.loadFailed')
      }
      action={
        onRetry && !forbidden ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
