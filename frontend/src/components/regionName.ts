import type { Region } from '../api/client';

/**
 * A region's name in the UI language. On its own, without regions.tsx's select, so the home page
 * can name regions without downloading antd's Select.
 */
export function regionName(region: Region, language: string): string {
  return language === 'en-US' ? region.nameEn : region.nameZh;
}
