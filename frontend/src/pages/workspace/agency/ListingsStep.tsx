import { Button, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Application, Listing } from '../../../api/client';
import { isUnderReview, rejectionReason } from '../../../lib/application';
import { ItemName, ListingStatusTags, Prose } from '../../../components/agency';
import { ListingModal } from './ListingModal';
import { AddBar, StatusWithReason, useRowEditor } from './stepTable';

/** 服务事项: the catalogue items the agency offers, with their terms. */
export function ListingsStep({ app }: { app: Application }) {
  const { t } = useTranslation();
  const { editing: changing, open, edit, close } = useRowEditor<Listing>();

  return (
    <>
      <AddBar onAdd={() => edit()} testId="add-listing">
        {t('listing.add')}
      </AddBar>
      <Table<Listing>
        rowKey="id"
        dataSource={app.listings ?? []}
        pagination={false}
        size="middle"
        scroll={{ x: 900 }}
        locale={{ emptyText: t('listing.empty') }}
        data-testid="listings-table"
        columns={[
          {
            title: t('listing.item'),
            key: 'item',
            width: 280,
            render: (_, l) => <ItemName code={l.itemCode} nameZh={l.itemNameZh} nameEn={l.itemNameEn} />,
          },
          {
            title: t('listing.approvedTerms'),
            key: 'approved',
            render: (_, l) =>
              l.approvedAt ? (
                <Terms fee={l.approvedFeeReference} commitment={l.approvedCommitment} />
              ) : (
                <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
              ),
          },
          {
            title: t('listing.pendingTerms'),
            key: 'pending',
            render: (_, l) =>
              l.pendingStatus ? (
                <Terms fee={l.pendingFeeReference} commitment={l.pendingCommitment} />
              ) : (
                <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
              ),
          },
          {
            title: t('listing.status'),
            key: 'status',
            width: 220,
            render: (_, l) => (
              <StatusWithReason
                tags={<ListingStatusTags listing={l} />}
                reason={rejectionReason(app.history, 'listing', l.id, l.pendingStatus)}
              />
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 110,
            render: (_, l) =>
              isUnderReview(l.pendingStatus) ? null : (
                <Button size="small" onClick={() => edit(l)} data-testid={`change-listing-${l.id}`}>
                  {t('listing.change')}
                </Button>
              ),
          },
        ]}
      />
      <ListingModal app={app} changing={changing} open={open} onClose={close} />
    </>
  );
}

export function Terms({ fee, commitment }: { fee?: string; commitment?: string }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={2}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('listing.feeReference')}
      </Typography.Text>
      <Prose>{fee}</Prose>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('listing.commitment')}
      </Typography.Text>
      <Prose>{commitment}</Prose>
    </Space>
  );
}
