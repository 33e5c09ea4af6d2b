import { theme, Typography } from 'antd';
import type { TitleProps } from 'antd/es/typography/Title';

type Level = 1 | 2 | 3 | 4 | 5;

/**
 * A heading whose level follows the page's outline (h1, then h2 …, as screen readers and axe's
 * heading-order expect) while it looks like antd's heading of `look`. Sizes come from the theme,
 * so the larger-text mode scales them.
 */
export function Heading({ level, look, style, ...props }: Omit<TitleProps, 'level'> & { level: Level; look: Level }) {
  const { token } = theme.useToken();
  const size = token[`fontSizeHeading${look}`];
  const lineHeight = token[`lineHeightHeading${look}`];
  return <Typography.Title level={level} style={{ fontSize: size, lineHeight, ...style }} {...props} />;
}
