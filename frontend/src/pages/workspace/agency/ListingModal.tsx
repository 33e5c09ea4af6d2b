import { useEffect } from 'react';
import { Alert, App, Descriptions, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAddListing, useCatalogItems, useChangeListing } from '../../../api/hooks';
import type { Application, Listing, ListingInput } from '../../../api/client';
import { errorMessage, showFieldErrors } from '../../../lib/errors';
import { requiredRule } from '../../../lib/validators';
import { statusesForListing } from '../../../lib/application';
import { useBilingual } from '../../../components/agency';
import { ServiceItemSelect } from '../../../components/catalog';
import { RequirementList } from '../../../components/RequirementList';

/** Offers a catalogue item, or proposes new terms for a listing (changing: the listing). */
export function ListingModal({
  app,
  changing,
  open,
  onClose,
}: {
  app: Application;
  changing?: Listing;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const pick = useBilingual();
  const [form] = Form.useForm<ListingInput>();
  const orgId = app.organisation.id;
  const add = useAddListing(orgId);
  const change = useChangeListing(orgId);
  const pending = add.isPending || change.isPending;
  const itemId = Form.useWatch('itemId', form);
  const { data: items } = useCatalogItems();
  const item = items?.find((i) => i.id === itemId);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (changing)
      form.setFieldsValue({
        itemId: changing.itemId,
        feeReference: changing.pendingFeeReference ?? changing.approvedFeeReference ?? '',
        commitment: changing.pendingCommitment ?? changing.approvedCommitment ?? '',
      });
  }, [open, changing, form]);

  const callbacks = {
    onSuccess: () => {
      void message.success(t('listing.saved'));
      onClose();
    },
    onError: (error: unknown) => {
      if (!showFieldErrors(form, t, error)) void message.error(errorMessage(t, error));
    },
  };
  const onFinish = (body: ListingInput) =>
    changing
      ? change.mutate(
          { id: changing.id, body: { feeReference: body.feeReference, commitment: body.commitment } },
          callbacks,
        )
      : add.mutate(body, callbacks);

  return (
    <Modal
      open={open}
      title={
        changing
          ? t('listing.changeTitle', { item: `${changing.itemCode} ${pick(changing.itemNameZh, changing.itemNameEn)}` })
          : t('listing.addTitle')
      }
      width={720}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={pending}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      {changing?.approvedAt && (
        <Alert type="info" showIcon message={t('listing.changeKeepsApproved')} style={{ marginBottom: 16 }} />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={pending}
        name="listing"
        data-testid="listing-form"
      >
        <Form.Item name="itemId" label={t('listing.item')} rules={[{ required: true, message: t('common.required') }]}>
          <ServiceItemSelect disabled={!!changing} data-testid="listing-item" />
        </Form.Item>
        {item && !changing && (
          <>
            <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
              <Descriptions.Item label={t('listing.regulator')}>{item.regulatorName}</Descriptions.Item>
              <Descriptions.Item label={t('listing.timeLimits')}>
                {t('listing.timeLimitsValue', { legal: item.legalDays, committed: item.committedDays })}
              </Descriptions.Item>
              <Descriptions.Item label={t('listing.requirements')}>
                <RequirementList
                  requirements={item.requirements ?? []}
                  qualifications={app.qualifications ?? []}
                  statuses={statusesForListing}
                  metLabel={t('listing.held')}
                  notMetLabel={t('listing.notHeld')}
                />
              </Descriptions.Item>
            </Descriptions>
          </>
        )}
        <Form.Item name="feeReference" label={t('listing.feeReference')} rules={[requiredRule(t)]}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
        <Form.Item name="commitment" label={t('listing.commitment')} rules={[requiredRule(t)]}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
