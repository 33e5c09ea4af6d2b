import type { ThemeConfig } from 'antd';

// A sober government blue. Chinese fonts come first so CJK text never falls back to a
// Latin-only face with mismatched metrics.
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f4e9e',
    colorLink: '#1f4e9e',
    borderRadius: 6,
    // Secondary text (descriptions, statistic titles, hints) at 4.5:1 or more on white and on the
    // page's grey, as WCAG AA asks of body text; antd's default (45% black) gives 3.4:1.
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', bodyBg: '#f4f6fa' },
    Menu: { itemSelectedBg: '#e8effa', itemSelectedColor: '#1f4e9e', itemHoverBg: '#f2f5fa' },
  },
};
