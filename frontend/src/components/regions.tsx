import { Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRegions } from '../api/hooks';
import { regionName } from './regionName';

export { regionName };

/** Returns a function from region code to its name in the UI language (the code if unknown). */
export function useRegionLabel(): (code: string) => string {
  const { i18n } = useTranslation();
  const { data: regions } = useRegions();
  return (code) => {
    const region = regions?.find((r) => r.code === code);
    return region ? regionName(region, i18n.language) : code;
  };
}

/** The 13 regions of Dali, prefecture first. */
export function RegionSelect(props: Omit<SelectProps<string>, 'options' | 'loading'>) {
  const { t, i18n } = useTranslation();
  const { data: regions, isLoading } = useRegions();
  const options = [...(regions ?? [])]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((r) => ({ value: r.code, label: regionName(r, i18n.language) }));
  return (
    <Select
      showSearch
      optionFilterProp="label"
      placeholder={t('signup.regionPlaceholder')}
      loading={isLoading}
      options={options}
      {...props}
    />
  );
}
