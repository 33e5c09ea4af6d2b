import { App, Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { applyLanguage, currentLanguage, type Language } from '../i18n';
import { useSaveLanguage, useSession } from '../api/hooks';

/** Switches the UI language; also saves it on the account when someone is signed in. */
export function useSwitchLanguage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: session } = useSession();
  const save = useSaveLanguage();
  return async (language: Language) => {
    await applyLanguage(language);
    if (session) {
      // The switch takes effect at once; a failed save only loses the preference.
      save.mutate(language, { onError: () => void message.warning(t('language.saveFailed')) });
    }
  };
}

/** A single button naming the other language, the way government portals usually do it. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const switchLanguage = useSwitchLanguage();
  const other: Language = currentLanguage() === 'zh-CN' ? 'en-US' : 'zh-CN';
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      lang={other}
      // The visible name is the accessible name (spoken in the other language); the hint is a tooltip.
      title={t('language.switchToLabel', { language: t('language.switchTo') })}
      data-testid="language-switch"
      onClick={() => void switchLanguage(other)}
    >
      {t('language.switchTo')}
    </Button>
  );
}
