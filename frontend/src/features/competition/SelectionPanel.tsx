import { Card, Flex, Space, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/datetime';
import { useResult, yuan } from './api';
import { DirectChoicePanel, ObjectionsPanel } from './OwnerPanels';
import { FileComplaintButton } from '../complaints/FileComplaint';

const closedStates = ['closed', 'failed', 'in_publicity', 'awarded'];

/**
 * The owner's selection panel under an announcement once registration has closed: the
 * selections, the direct choice when it is the owner's to make, and the objections to answer.
 * The owner may also complain to the regulators about the selection that stands (the button
 * shows only to those who may file complaints; the server decides the rest).
 */
export function SelectionPanel({ announcement }: { announcement: { id: number; code?: string; status: string } }) {
  if (!announcement.code || !closedStates.includes(announcement.status)) return null;
  return <ClosedSelection id={announcement.id} code={announcement.code} />;
}

function ClosedSelection({ id, code }: { id: number; code: string }) {
  const { t } = useTranslation();
  const { data: result } = useResult(code);
  if (!result) return null;
  const standing = result.selections.filter((s) => s.status !== 'voided').at(-1);
  return (
    <Flex vertical gap={16} data-testid="selection-panel">
      <DirectChoicePanel result={result} />
      <Card
        title={t('competition.result.selections')}
        extra={
          <Space wrap>
            {standing && <FileComplaintButton size="small" targets={[{ kind: 'selection', id: standing.id }]} />}
            <Link to={`/notices/${encodeURIComponent(code)}/result`}>{t('competition.registrations.result')}</Link>
          </Space>
        }
      >
        <Table
          rowKey="id"
          dataSource={result.selections}
          pagination={false}
          size="small"
          scroll={{ x: 600 }}
          locale={{ emptyText: t(`competition.statuses.${result.status}`) }}
          columns={[
            { title: t('competition.result.winner'), dataIndex: 'winnerName' },
            {
              title: t('competition.result.dealPrice'),
              dataIndex: 'dealPriceFen',
              width: 130,
              render: (f?: number) => (f === undefined ? t('competition.result.dealPriceLater') : yuan(f)),
            },
            {
              title: t('competition.result.publicityEnds'),
              dataIndex: 'publicityEndsAt',
              width: 150,
              render: (d: string) => formatDateTime(d),
            },
            {
              title: t('competition.objections.status'),
              dataIndex: 'status',
              width: 100,
              render: (s: 'in_publicity' | 'voided' | 'awarded') => (
                <Tag>{t(`competition.result.selectionStatus.${s}`)}</Tag>
              ),
            },
          ]}
        />
      </Card>
      <ObjectionsPanel announcementId={id} />
    </Flex>
  );
}
