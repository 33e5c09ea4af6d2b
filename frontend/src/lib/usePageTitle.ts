import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Names the page in the browser's tab ("页面 - 大理州中介服务超市"), in the UI language; the
 * site's name alone when `title` is empty. `null` leaves the title to the page inside.
 */
export function usePageTitle(title: string | null | undefined) {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    if (title === null) return;
    document.title = title ? `${title} - ${t('app.name')}` : t('app.name');
  }, [title, t, i18n.language]);
}
