import type { ThemeConfig } from 'antd';

// A sober government blue. Chinese fonts come first so CJK text never falls back to a
// Latin-only face with mismatched metrics.
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f4e9e',
    colorLink: '#1f4e9e',
    borderRadius: 6,
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
