import { List, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Qualification, Requirement } from '../api/client';
import { matchRequirements } from '../lib/application';
import { useBilingual, useRequirementLabel } from './agency';
import { useLevelRank } from './catalog';

/**
 * An item's requirements, each marked met or not by the given qualifications (counting those
 * in `statuses`), with the certificates that meet it.
 */
export function RequirementList({
  requirements,
  qualifications,
  statuses,
  metLabel,
  notMetLabel,
}: {
  requirements: readonly Requirement[];
  qualifications: readonly Qualification[];
  statuses: readonly string[];
  metLabel: string;
  notMetLabel: string;
}) {
  const { t } = useTranslation();
  const levelRank = useLevelRank();
  const label = useRequirementLabel();
  const pick = useBilingual();
  if (requirements.length === 0)
    return <Typography.Text type="secondary">{t('listing.noRequirements')}</Typography.Text>;
  return (
    <List
      size="small"
      data-testid="requirement-list"
      dataSource={matchRequirements(requirements, qualifications, levelRank, statuses)}
      renderItem={({ requirement, matches }) => {
        const met = matches.length > 0;
        return (
          <List.Item data-testid="requirement" data-met={met}>
            <List.Item.Meta
              avatar={
                met ? (
                  <CheckCircleFilled style={{ color: '#52c41a', fontSize: 18 }} />
                ) : (
                  <CloseCircleFilled style={{ color: '#ff4d4f', fontSize: 18 }} />
                )
              }
              title={label(requirement)}
              description={
                met
                  ? matches
                      .map((q) => `${pick(q.levelNameZh, q.levelNameEn)} ${q.certificateNo}`)
                      .join(t('common.listSeparator'))
                  : undefined
              }
            />
            {met ? <Tag color="success">{metLabel}</Tag> : <Tag color="error">{notMetLabel}</Tag>}
          </List.Item>
        );
      }}
    />
  );
}
