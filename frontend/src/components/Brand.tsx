import { Link } from 'react-router';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The product mark and name, linking to the portal home. */
export function Brand({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 10, minWidth: 0 }} data-testid="brand">
      <img src="/favicon.svg" alt="" width={compact ? 28 : 32} height={compact ? 28 : 32} />
      {/* Truncated by CSS: antd's `ellipsis` measures the text after each render, a forced layout
          that costs a phone a long task on every page load. */}
      <Typography.Text
        strong
        style={{
          fontSize: compact ? 15 : 18,
          color: '#1f2a44',
          letterSpacing: compact ? 0 : 0.5,
          whiteSpace: 'nowrap',
          overflow: 'hidden',
          textOverflow: 'ellipsis',
        }}
      >
        {t('app.name')}
      </Typography.Text>
    </Link>
  );
}
