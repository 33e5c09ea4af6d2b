import type { ThemeConfig } from 'antd';

// A sober government blue. Chinese fonts come first so CJK text never falls back to a
// Latin-only face with mismatched metrics.
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f4e9e',
    colorLink: '#1f4e9e',
    borderRadius: 6,
    // antd's greys for secondary text (0.45 and 0.25 black) fall below WCAG AA's 4.5:1 on
    // white and on the page's grey; these keep the hierarchy and pass (about 5.7:1 and 4.8:1).
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextQuaternary: 'rgba(0, 0, 0, 0.56)',
    // antd's red (#ff4d4f) is 3.3:1 on white: danger buttons and error texts use red-7 (5.1:1).
    colorError: '#cf1322',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', bodyBg: '#f4f6fa' },
    Menu: { itemSelectedBg: '#e8effa', itemSelectedColor: '#1f4e9e', itemHoverBg: '#f2f5fa' },
  },
};

/**
 * The theme in the larger-text mode (适老化): antd derives every font size (small, large,
 * headings) and the control heights from these seeds, so one change scales the whole UI.
 */
export function themeFor(largeText: boolean): ThemeConfig {
  if (!largeText) return theme;
  return {
    ...theme,
    token: { ...theme.token, fontSize: 18, controlHeight: 40, lineHeight: 1.6 },
  };
}
