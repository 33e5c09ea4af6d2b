// Pickers over the service catalogue, shared by the agency's, the admin's and the public's forms.
import { Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useCatalogItems, useCategories, useQualificationTypes } from '../api/hooks';
import { useLocalName } from './agency';

/** Returns the rank of a type's level (1 is highest), once the types have loaded. */
export function useLevelRank(): (typeId: number, levelCode: string) => number | undefined {
  const { data: types } = useQualificationTypes();
  return (typeId, levelCode) => types?.find((t) => t.id === typeId)?.levels?.find((l) => l.code === levelCode)?.rank;
}

/**
 * A selected value is shown by its name only: while the types load (a filter read from the
 * URL), or when the value is unknown, antd would otherwise show the raw id or level code.
 */
function nameNotCode(t: TFunction): SelectProps['labelRender'] {
  return ({ label }) => label ?? <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('common.loading')}</span>;
}

type PickerProps<V> = Omit<SelectProps<V>, 'options' | 'loading'>;

export function QualificationTypeSelect(props: PickerProps<number>) {
  const { t } = useTranslation();
  const name = useLocalName();
  const { data: types, isLoading } = useQualificationTypes();
  return (
    <Select
      showSearch
      optionFilterProp="label"
      placeholder={t('qualification.typePlaceholder')}
      loading={isLoading}
      options={(types ?? []).map((type) => ({ value: type.id, label: name(type) }))}
      labelRender={nameNotCode(t)}
      {...props}
    />
  );
}

/** The levels of one type, highest first. */
export function LevelSelect({ typeId, ...props }: PickerProps<string> & { typeId: number | undefined }) {
  const { t } = useTranslation();
  const name = useLocalName();
  const { data: types, isLoading } = useQualificationTypes();
  const levels = types?.find((type) => type.id === typeId)?.levels ?? [];
  return (
    <Select
      placeholder={t('qualification.levelPlaceholder')}
      loading={isLoading}
      disabled={!typeId}
      options={levels.map((l) => ({ value: l.code, label: name(l) }))}
      labelRender={nameNotCode(t)}
      {...props}
    />
  );
}

/** The catalogue's categories; with allLabel, an entry for "any category" (value '') first. */
export function CategorySelect({ allLabel, ...props }: PickerProps<string> & { allLabel?: string }) {
  const name = useLocalName();
  const { data: categories, isLoading } = useCategories();
  const options = (categories ?? []).map((c) => ({ value: c.code, label: name(c) }));
  return (
    <Select
      loading={isLoading}
      options={allLabel === undefined ? options : [{ value: '', label: allLabel }, ...options]}
      {...props}
    />
  );
}

/** The catalogue's active items, searchable by code and name in either language. */
export function ServiceItemSelect(props: PickerProps<number>) {
  const { t } = useTranslation();
  const name = useLocalName();
  const { data: items, isLoading } = useCatalogItems();
  return (
    <Select
      showSearch
      placeholder={t('listing.itemPlaceholder')}
      loading={isLoading}
      filterOption={(input, option) => (option?.search ?? '').includes(input.trim().toLowerCase())}
      options={(items ?? []).map((item) => ({
        value: item.id,
        label: `${item.code} ${name(item)}`,
        search: `${item.code} ${item.nameZh} ${item.nameEn}`.toLowerCase(),
      }))}
      {...props}
    />
  );
}
