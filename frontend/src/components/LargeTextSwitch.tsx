import { Button } from 'antd';
import { FontSizeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { setLargeText, useLargeText } from '../lib/largeText';

/** Switches the larger-text mode (适老化) on and off; the choice stays in this browser. */
export function LargeTextSwitch() {
  const { t } = useTranslation();
  const on = useLargeText();
  return (
    <Button
      type={on ? 'primary' : 'text'}
      ghost={on}
      icon={<FontSizeOutlined />}
      aria-pressed={on}
      title={t('site.largeTextLabel')}
      data-testid="large-text-switch"
      onClick={() => setLargeText(!on)}
    >
      {t('site.largeText')}
    </Button>
  );
}
