import { useState, type ReactNode } from 'react';
import {
  App,
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError';
import { DateTime } from '../../components/labels';
import { useLocalName } from '../../components/agency';
import { useRegionLabel } from '../../components/regions';
import { uploadFile } from '../../api/hooks';
import { errorMessage, showFieldErrors } from '../../lib/errors';
import { fenToYuanText, yuanToFen } from '../../lib/money';
import { offers } from '../../lib/permissions';
import { Money } from '../procurement/labels';
import {
  useConfirmContract,
  useContract,
  useDecideAmendment,
  useProposeAmendment,
  useRecordPayment,
  useRegisterContract,
  useReplaceMilestones,
  useTerminateContract,
  type Contract,
} from './api';
import { ContractMarkers, ContractStatusTag, day } from './labels';
import { DeliverablesPanel } from '../deliverables/DeliverablesPanel';
import { RatingPanel } from '../rating/RatingPanel';
import { AuditPanel } from '../audit/AuditPanel';
import { FileComplaintButton } from '../complaints/FileComplaint';

/**
 * Panels the other parts of fulfilment add below a contract (deliverables and their review, the
 * acceptance certificate, the two sides' ratings), each given the contract; push to this list.
 */
export const contractPanels: ((c: Contract) => ReactNode)[] = [
  (c) => (c.status === 'active' || c.status === 'completed' ? <DeliverablesPanel contractId={c.id} /> : null),
];
// The two sides' ratings, once the contract is completed.
contractPanels.push((c) => (c.status === 'completed' ? <RatingPanel contractId={c.id} /> : null));
contractPanels.push((c) => <AuditPanel kind="contract" id={c.id} />);

type Dialog = 'register' | 'amend' | 'terminate' | 'milestones' | 'payment' | null;

/** One contract as its parties (or a regulator) see it, with the actions the API offers. */
export function ContractPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: c, error, isPending, refetch } = useContract(id);
  const confirm = useConfirmContract(id);
  const decide = useDecideAmendment();
  const [dialog, setDialog] = useState<Dialog>(null);
  const name = useLocalName();
  const region = useRegionLabel();
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (isPending || !c) return <Card loading />;
  const fail = (e: unknown) => void message.error(errorMessage(t, e));
  const close = () => setDialog(null);

  const actions = (
    <Space wrap>
      {offers(c, 'register') && (
        <Button type="primary" onClick={() => setDialog('register')} data-testid="contract-register">
          {t('contracts.actions.register')}
        </Button>
      )}
      {offers(c, 'confirm') && (
        <Popconfirm
          title={t('contracts.confirmPrompt')}
          onConfirm={() =>
            confirm
              .mutateAsync()
              .then(() => void message.success(t('contracts.confirmed')))
              .catch(fail)
          }
        >
          <Button type="primary" loading={confirm.isPending} data-testid="contract-confirm">
            {t('contracts.actions.confirm')}
          </Button>
        </Popconfirm>
      )}
      {offers(c, 'amend') && (
        <Button onClick={() => setDialog('amend')} data-testid="contract-amend">
          {t('contracts.actions.amend')}
        </Button>
      )}
      {offers(c, 'editMilestones') && (
        <Button onClick={() => setDialog('milestones')} data-testid="contract-milestones">
          {t('contracts.actions.editMilestones')}
        </Button>
      )}
      {offers(c, 'recordPayment') && (
        <Button onClick={() => setDialog('payment')} data-testid="contract-payment">
          {t('contracts.actions.recordPayment')}
        </Button>
      )}
      {offers(c, 'terminate') && (
        <Button danger onClick={() => setDialog('terminate')} data-testid="contract-terminate">
          {t('contracts.actions.terminate')}
        </Button>
      )}
      <FileComplaintButton targets={[{ kind: 'contract', id: c.id }]} />
    </Space>
  );

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Flex vertical>
            <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'normal' }} data-testid="contract-title">
              {c.title}
            </Typography.Title>
            <Typography.Text type="secondary">{c.code}</Typography.Text>
          </Flex>
        }
      >
        <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
          <ContractStatusTag status={c.status} />
          <ContractMarkers c={c} />
        </Flex>
        {c.overdueUnpaidFen > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('contracts.overdueUnpaid', { amount: fenToYuanText(c.overdueUnpaidFen) })}
          />
        )}
        {c.status === 'terminated' && c.terminationReason && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('contracts.terminatedBecause', { reason: c.terminationReason })}
          />
        )}
        {actions}
        <Descriptions column={{ xs: 1, sm: 2 }} size="small" style={{ marginTop: 16 }} bordered>
          <Descriptions.Item label={t('contracts.fields.owner')}>{c.ownerName}</Descriptions.Item>
          <Descriptions.Item label={t('contracts.fields.agency')}>{c.agencyName}</Descriptions.Item>
          <Descriptions.Item label={t('contracts.fields.item')}>
            {name({ nameZh: c.itemNameZh, nameEn: c.itemNameEn })}
          </Descriptions.Item>
          <Descriptions.Item label={t('contracts.fields.region')}>{region(c.regionCode)}</Descriptions.Item>
          <Descriptions.Item label={t('contracts.fields.ceiling')}>
            <Money fen={c.ceilingFen} />
          </Descriptions.Item>
          <Descriptions.Item label={t('contracts.fields.price')}>
            {c.priceFen ? <Money fen={c.priceFen} /> : t('contracts.priceAtRegistration')}
          </Descriptions.Item>
          <Descriptions.Item label={t('contracts.fields.period')}>
            {t('contracts.workdays', { count: c.serviceWorkdays })}
          </Descriptions.Item>
          <Descriptions.Item label={t('contracts.registerBy')}>
            <DateTime value={c.registerBy} />
          </Descriptions.Item>
          <Descriptions.Item label={t('contracts.fields.signedOn')}>{day(c.signedOn)}</Descriptions.Item>
          <Descriptions.Item label={t('contracts.fields.startsOn')}>{day(c.startsOn)}</Descriptions.Item>
          <Descriptions.Item label={t('contracts.fields.due')}>
            <span data-testid="contract-due">{day(c.dueOn)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('contracts.fields.document')}>{c.documentName || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('contracts.fields.paid')}>
            <Money fen={c.paidFen} />
          </Descriptions.Item>
          <Descriptions.Item label={t('contracts.fields.scope')}>
            <Typography.Paragraph
              style={{ margin: 0, whiteSpace: 'pre-wrap' }}
              ellipsis={{ rows: 3, expandable: true }}
            >
              {c.scope || '—'}
            </Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('contracts.timeline')}>
        <ContractTimeline c={c} />
      </Card>
      <Card title={t('contracts.milestones')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 520 }}
          dataSource={c.milestones ?? []}
          locale={{ emptyText: t('contracts.noMilestones') }}
          data-testid="contract-milestone-list"
          columns={[
            { title: '#', dataIndex: 'seq', width: 50 },
            {
              title: t('contracts.fields.milestone'),
              key: 'name',
              render: (_, m) => (
                <Space wrap>
                  {m.name}
                  {m.final && <Tag>{t('contracts.final')}</Tag>}
                </Space>
              ),
            },
            { title: t('contracts.fields.workdays'), dataIndex: 'workdays', width: 100 },
            { title: t('contracts.fields.due'), key: 'due', width: 120, render: (_, m) => day(m.dueOn) },
            {
              title: t('contracts.fields.accepted'),
              key: 'accepted',
              width: 150,
              render: (_, m) =>
                m.acceptedAt ? (
                  <DateTime value={m.acceptedAt} />
                ) : m.late ? (
                  <Tag color="red">{t('contracts.markers.late')}</Tag>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
      <Card title={t('contracts.amendments')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 640 }}
          dataSource={c.amendments ?? []}
          locale={{ emptyText: t('contracts.noAmendments') }}
          data-testid="contract-amendments"
          columns={[
            {
              title: t('contracts.fields.kind'),
              key: 'kind',
              width: 110,
              render: (_, a) => (
                <Space wrap>
                  {t(`contracts.kinds.${a.kind}`)}
                  {a.flagged && <Tag color="volcano">{t('contracts.markers.flagged')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('contracts.fields.change'),
              key: 'change',
              render: (_, a) =>
                a.kind === 'price' ? (
                  <span>
                    <Money fen={a.oldPriceFen ?? 0} /> → <Money fen={a.newPriceFen ?? 0} />
                  </span>
                ) : a.kind === 'period' ? (
                  `${t('contracts.workdays', { count: a.oldServiceWorkdays ?? 0 })} → ${t('contracts.workdays', { count: a.newServiceWorkdays ?? 0 })}`
                ) : (
                  <Typography.Text ellipsis={{ tooltip: a.newScope }}>{a.newScope}</Typography.Text>
                ),
            },
            { title: t('contracts.fields.reason'), dataIndex: 'reason' },
            {
              title: t('contracts.fields.status'),
              key: 'status',
              width: 190,
              render: (_, a) =>
                a.mayDecide ? (
                  <Space wrap>
                    <Button
                      size="small"
                      type="primary"
                      loading={decide.isPending}
                      onClick={() => decide.mutateAsync({ id: a.id, confirm: true }).catch(fail)}
                      data-testid="amendment-confirm"
                    >
                      {t('contracts.actions.confirmAmendment')}
                    </Button>
                    <Button
                      size="small"
                      danger
                      loading={decide.isPending}
                      onClick={() => decide.mutateAsync({ id: a.id, confirm: false }).catch(fail)}
                      data-testid="amendment-reject"
                    >
                      {t('contracts.actions.rejectAmendment')}
                    </Button>
                  </Space>
                ) : (
                  t(`contracts.amendmentStatuses.${a.status}`)
                ),
            },
          ]}
        />
      </Card>
      <Card title={t('contracts.payments')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 400 }}
          dataSource={c.payments ?? []}
          locale={{ emptyText: t('contracts.noPayments') }}
          data-testid="contract-payments"
          columns={[
            { title: t('contracts.fields.paidOn'), key: 'paidOn', width: 120, render: (_, p) => day(p.paidOn) },
            {
              title: t('contracts.fields.amount'),
              key: 'amount',
              width: 150,
              align: 'right',
              render: (_, p) => <Money fen={p.amountFen} />,
            },
            { title: t('contracts.fields.note'), dataIndex: 'note' },
          ]}
        />
      </Card>
      {contractPanels.map((panel, i) => (
        <div key={i}>{panel(c)}</div>
      ))}
      {dialog === 'register' && <RegisterModal c={c} onClose={close} />}
      {dialog === 'amend' && <AmendModal c={c} onClose={close} />}
      {dialog === 'terminate' && <TerminateModal c={c} onClose={close} />}
      {dialog === 'milestones' && <MilestonesModal c={c} onClose={close} />}
      {dialog === 'payment' && <PaymentModal c={c} onClose={close} />}
    </Flex>
  );
}

/** The contract's life so far: award, registration, confirmation, milestones, the end. */
function ContractTimeline({ c }: { c: Contract }) {
  const { t } = useTranslation();
  const items: { color?: string; children: ReactNode }[] = [
    { children: <TimelineEntry label={t('contracts.events.awarded')} at={c.awardedAt} /> },
  ];
  if (c.registeredAt)
    items.push({ children: <TimelineEntry label={t('contracts.events.registered')} at={c.registeredAt} /> });
  if (c.confirmedAt)
    items.push({ color: 'green', children: <TimelineEntry label={t('contracts.events.active')} at={c.confirmedAt} /> });
  for (const m of c.milestones ?? []) {
    items.push({
      color: m.acceptedAt ? 'green' : m.late ? 'red' : 'gray',
      children: (
        <span>
          {t('contracts.events.milestone', { name: m.name, due: day(m.dueOn) })}
          {m.acceptedAt && (
            <>
              {' '}
              · {t('contracts.fields.accepted')} <DateTime value={m.acceptedAt} />
            </>
          )}
        </span>
      ),
    });
  }
  if (c.completedAt)
    items.push({
      color: 'green',
      children: <TimelineEntry label={t('contracts.events.completed')} at={c.completedAt} />,
    });
  if (c.terminatedAt)
    items.push({
      color: 'red',
      children: <TimelineEntry label={t('contracts.events.terminated')} at={c.terminatedAt} />,
    });
  return <Timeline items={items} data-testid="contract-timeline" />;
}

function TimelineEntry({ label, at }: { label: string; at: string }) {
  return (
    <span>
      {label} · <DateTime value={at} />
    </span>
  );
}

interface RegisterForm {
  price?: number;
  signedOn?: Dayjs;
  startsOn?: Dayjs;
  documentFileId?: number;
}

/** 签约登记: the signed PDF, the dates and (for a direct selection) the agreed price. */
function RegisterModal({ c, onClose }: { c: Contract; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RegisterForm>();
  const register = useRegisterContract(c.id);
  const [uploading, setUploading] = useState(false);
  const [fileName, setFileName] = useState<string>();
  const upload = async (file: File) => {
    setUploading(true);
    try {
      const f = await uploadFile(file, 'contract_document');
      form.setFieldValue('documentFileId', f.id);
      setFileName(f.filename);
      void form.validateFields(['documentFileId']);
    } catch (e) {
      void message.error(errorMessage(t, e));
    } finally {
      setUploading(false);
    }
  };
  const submit = async (v: RegisterForm) => {
    try {
      await register.mutateAsync({
        priceFen: c.priceFen ? undefined : yuanToFen(v.price),
        documentFileId: v.documentFileId ?? 0,
        signedOn: v.signedOn?.format('YYYY-MM-DD') ?? '',
        startsOn: v.startsOn?.format('YYYY-MM-DD') ?? '',
      });
      void message.success(t('contracts.registered'));
      onClose();
    } catch (e) {
      if (!showFieldErrors(form, t, e)) void message.error(errorMessage(t, e));
    }
  };
  const requiredDate = (name: 'signedOn' | 'startsOn', label: string, testId: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true, message: t('contracts.dateRequired') }]}>
      <DatePicker style={{ width: '100%' }} data-testid={testId} />
    </Form.Item>
  );
  return (
    <Modal
      open
      title={t('contracts.actions.register')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('contracts.actions.register')}
      okButtonProps={{ loading: register.isPending, id: 'register-submit' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('contracts.registerLead')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{}}>
        {!c.priceFen && (
          <Form.Item
            name="price"
            label={t('contracts.agreedPrice', { ceiling: fenToYuanText(c.ceilingFen) })}
            rules={[{ required: true, message: t('contracts.priceRequired') }]}
          >
            <InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="register-price" />
          </Form.Item>
        )}
        {requiredDate('signedOn', t('contracts.fields.signedOn'), 'register-signed')}
        {requiredDate('startsOn', t('contracts.fields.startsOn'), 'register-starts')}
        <Form.Item
          name="documentFileId"
          label={t('contracts.fields.document')}
          rules={[{ required: true, message: t('contracts.documentRequired') }]}
          extra={t('contracts.documentHint')}
        >
          <Space wrap>
            <Upload
              accept="application/pdf,.pdf"
              showUploadList={false}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={uploading} data-testid="register-upload">
                {t('contracts.upload')}
              </Button>
            </Upload>
            {fileName && <Typography.Text data-testid="register-file">{fileName}</Typography.Text>}
          </Space>
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface AmendForm {
  kind: 'price' | 'period' | 'scope';
  reason: string;
  price?: number;
  workdays?: number;
  scope?: string;
}

/** 变更: a change of price, period or scope, with a reason, for the counterparty to decide. */
function AmendModal({ c, onClose }: { c: Contract; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AmendForm>();
  const kind = Form.useWatch('kind', form) ?? 'price';
  const propose = useProposeAmendment(c.id);
  const submit = async (v: AmendForm) => {
    try {
      await propose.mutateAsync({
        kind: v.kind,
        reason: v.reason,
        newPriceFen: v.kind === 'price' ? yuanToFen(v.price) : undefined,
        newServiceWorkdays: v.kind === 'period' ? v.workdays : undefined,
        newScope: v.kind === 'scope' ? v.scope : undefined,
      });
      void message.success(t('contracts.amendmentProposed'));
      onClose();
    } catch (e) {
      if (!showFieldErrors(form, t, e)) void message.error(errorMessage(t, e));
    }
  };
  return (
    <Modal
      open
      title={t('contracts.actions.amend')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: propose.isPending }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ kind: 'price', workdays: c.serviceWorkdays, scope: c.scope }}
      >
        <Form.Item name="kind" label={t('contracts.fields.kind')}>
          <Radio.Group
            options={(['price', 'period', 'scope'] as const).map((k) => ({
              value: k,
              label: t(`contracts.kinds.${k}`),
            }))}
          />
        </Form.Item>
        {kind === 'price' && (
          <Form.Item
            name="price"
            label={t('contracts.newPrice')}
            extra={t('contracts.flagHint')}
            rules={[{ required: true, message: t('contracts.priceRequired') }]}
          >
            <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {kind === 'period' && (
          <Form.Item name="workdays" label={t('contracts.newPeriod')} rules={[{ required: true }]}>
            <InputNumber min={1} max={1000} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {kind === 'scope' && (
          <Form.Item name="scope" label={t('contracts.newScope')} rules={[{ required: true }]}>
            <Input.TextArea rows={4} maxLength={5000} />
          </Form.Item>
        )}
        <ReasonField />
      </Form>
    </Modal>
  );
}

/** The written reason an amendment or a termination needs (2–2000 characters, as the server checks). */
function ReasonField() {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="reason"
      label={t('contracts.fields.reason')}
      rules={[{ required: true, min: 2, message: t('contracts.reasonRequired') }]}
    >
      <Input.TextArea rows={3} maxLength={2000} />
    </Form.Item>
  );
}

/** 终止: ending the contract early, with a reason the counterparty and the regulators read. */
function TerminateModal({ c, onClose }: { c: Contract; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const terminate = useTerminateContract(c.id);
  return (
    <Modal
      open
      title={t('contracts.actions.terminate')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ danger: true, loading: terminate.isPending }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('contracts.terminateLead')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          terminate
            .mutateAsync(v.reason)
            .then(onClose)
            .catch((e: unknown) => {
              if (!showFieldErrors(form, t, e)) void message.error(errorMessage(t, e));
            })
        }
      >
        <ReasonField />
      </Form>
    </Modal>
  );
}

/** The owner's milestone plan; the last one is due at the committed period. */
function MilestonesModal({ c, onClose }: { c: Contract; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ milestones: { name: string; workdays: number }[] }>();
  const replace = useReplaceMilestones(c.id);
  return (
    <Modal
      open
      title={t('contracts.actions.editMilestones')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: replace.isPending }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('contracts.milestonesLead', { count: c.serviceWorkdays })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ milestones: (c.milestones ?? []).map((m) => ({ name: m.name, workdays: m.workdays })) }}
        onFinish={(v) =>
          replace
            .mutateAsync(v)
            .then(onClose)
            .catch((e: unknown) => void message.error(errorMessage(t, e)))
        }
      >
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} wrap>
                  <Form.Item
                    name={[f.name, 'name']}
                    rules={[{ required: true }]}
                    style={{ flex: 1, minWidth: 140, margin: 0 }}
                  >
                    <Input placeholder={t('contracts.fields.milestone')} maxLength={200} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'workdays']} rules={[{ required: true }]} style={{ margin: 0 }}>
                    <InputNumber min={1} max={1000} addonAfter={t('contracts.workdaysUnit')} style={{ width: 150 }} />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)} disabled={fields.length <= 1}>
                    {t('contracts.remove')}
                  </Button>
                </Flex>
              ))}
              <Button onClick={() => add({ name: '', workdays: c.serviceWorkdays })}>
                {t('contracts.addMilestone')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** A payment the owner made. */
function PaymentModal({ c, onClose }: { c: Contract; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ amount: number; paidOn: Dayjs; note?: string }>();
  const record = useRecordPayment(c.id);
  return (
    <Modal
      open
      title={t('contracts.actions.recordPayment')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: record.isPending }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          record
            .mutateAsync({ amountFen: yuanToFen(v.amount) ?? 0, paidOn: v.paidOn.format('YYYY-MM-DD'), note: v.note })
            .then(onClose)
            .catch((e: unknown) => void message.error(errorMessage(t, e)))
        }
      >
        <Form.Item name="amount" label={t('contracts.fields.amount')} rules={[{ required: true }]}>
          <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="paidOn" label={t('contracts.fields.paidOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('contracts.fields.note')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
