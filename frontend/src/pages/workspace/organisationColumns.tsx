import { Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../api/client';
import { DateTime, OrganisationStatusTag } from '../../components/labels';
import { useRegionLabel } from '../../components/regions';

/** The columns the organisation and agency lists share; the name links to `detailPath`. */
export function useOrganisationColumns(detailPath: string) {
  const { t } = useTranslation();
  const regionLabel = useRegionLabel();
  return {
    name: {
      title: t('organisations.name'),
      dataIndex: 'name',
      render: (name: string, org: Pick<Organisation, 'id'>) => <Link to={`${detailPath}/${org.id}`}>{name}</Link>,
    },
    creditCode: {
      title: t('organisations.creditCode'),
      dataIndex: 'creditCode',
      width: 200,
      render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
    },
    region: {
      title: t('organisations.region'),
      dataIndex: 'regionCode',
      width: 200,
      ellipsis: true,
      render: (c: string) => regionLabel(c),
    },
    status: {
      title: t('organisations.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: string) => <OrganisationStatusTag status={s} />,
    },
    createdAt: {
      title: t('organisations.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      render: (v: string) => <DateTime value={v} />,
    },
  };
}
