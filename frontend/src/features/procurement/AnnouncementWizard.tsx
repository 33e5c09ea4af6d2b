import { useEffect, useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Steps,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCatalogItem, useDirectory, uploadFile } from '../../api/hooks';
import { fieldErrors, isApiError } from '../../api/problem';
import { useBilingual, useLocalName } from '../../components/agency';
import { QueryError } from '../../components/QueryError';
import { errorMessage, showFieldErrors } from '../../lib/errors';
import { fenToYuanText, formatFen, yuanToFen } from '../../lib/money';
import { formatDateTime } from '../../lib/datetime';
import {
  useAnnouncement,
  useCreateAnnouncement,
  useProjects,
  usePublishAnnouncement,
  useRules,
  useUpdateAnnouncement,
  type Announcement,
  type AnnouncementInput,
  type Method,
} from './api';
import { Money, useMethodLabel } from './labels';

interface Values {
  projectServiceId?: number;
  title?: string;
  description?: string;
  practitionerRequirements?: string;
  ceilingFen?: string; // yuan, as typed
  statedPriceFen?: string; // yuan, as typed
  method?: Method;
  weightPrice?: number;
  weightCredit?: number;
  weightRating?: number;
  serviceWorkdays?: number;
  registrationDeadline?: Dayjs;
  avoidances?: { agencyId?: number; agencyName?: string; reason?: string }[];
}

interface Attachment {
  fileId: number;
  filename: string;
}

const methods: Method[] = ['lowest', 'comprehensive', 'random', 'direct'];

// The fields of each step, so that a refused field opens its step.
const stepFields: string[][] = [
  ['projectServiceId'],
  ['title', 'description', 'ceilingFen', 'serviceWorkdays', 'registrationDeadline'],
  ['method', 'statedPriceFen', 'weightPrice', 'weightCredit', 'weightRating', 'practitionerRequirements'],
  ['avoidances', 'fileIds'],
  [],
];

function toInput(v: Values, attachments: Attachment[]): AnnouncementInput {
  const comprehensive = v.method === 'comprehensive';
  return {
    projectServiceId: v.projectServiceId ?? 0,
    title: v.title ?? '',
    description: v.description ?? '',
    practitionerRequirements: v.practitionerRequirements ?? '',
    // A ceiling that is not an amount is sent as 0, so the server's rule names it.
    ceilingFen: yuanToFen(v.ceilingFen) ?? 0,
    statedPriceFen: v.method === 'random' ? (yuanToFen(v.statedPriceFen) ?? 0) : undefined,
    method: v.method ?? 'lowest',
    weightPrice: comprehensive ? v.weightPrice : undefined,
    weightCredit: comprehensive ? v.weightCredit : undefined,
    weightRating: comprehensive ? v.weightRating : undefined,
    serviceWorkdays: v.serviceWorkdays ?? 0,
    // The picker's wall-clock time is Shanghai's, wherever the browser is.
    registrationDeadline: v.registrationDeadline
      ? `${v.registrationDeadline.format('YYYY-MM-DDTHH:mm')}:00+08:00`
      : undefined,
    avoidances: (v.avoidances ?? []).map((a) => ({ agencyId: a.agencyId ?? 0, reason: a.reason ?? '' })),
    fileIds: attachments.map((a) => a.fileId),
  };
}

function fromAnnouncement(a: Announcement): Values {
  return {
    projectServiceId: a.projectServiceId,
    title: a.title,
    description: a.description,
    practitionerRequirements: a.practitionerRequirements,
    ceilingFen: fenToYuanText(a.ceilingFen),
    statedPriceFen: fenToYuanText(a.statedPriceFen),
    method: a.method,
    weightPrice: a.weightPrice,
    weightCredit: a.weightCredit,
    weightRating: a.weightRating,
    serviceWorkdays: a.serviceWorkdays,
    registrationDeadline: a.registrationDeadline ? dayjs(formatDateTime(a.registrationDeadline)) : undefined,
    avoidances: a.avoidances.map((x) => ({ agencyId: x.agencyId, agencyName: x.agencyName, reason: x.reason })),
  };
}

/**
 * The announcement wizard: service and project → terms and price → method and requirements →
 * exclusions and attachments → review and publish. A draft is saved (created or changed) before it
 * is published; every refused field is shown, translated, on its step.
 */
export function AnnouncementWizard({ id, serviceId }: { id?: number; serviceId?: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState(0);
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [uploading, setUploading] = useState(false);
  const [draftId, setDraftId] = useState<number | undefined>(id);
  const existing = useAnnouncement(id);
  const { data: projects } = useProjects('');
  const { data: rules } = useRules();
  const create = useCreateAnnouncement();
  const update = useUpdateAnnouncement();
  const publish = usePublishAnnouncement();
  const name = useLocalName();
  const methodLabel = useMethodLabel();
  const chosenService = Form.useWatch('projectServiceId', form);
  const method = Form.useWatch('method', form);

  useEffect(() => {
    if (existing.data) {
      form.setFieldsValue(fromAnnouncement(existing.data));
      setAttachments(existing.data.attachments.map((a) => ({ fileId: a.fileId, filename: a.filename })));
    } else if (!id) {
      form.setFieldsValue({ method: 'lowest', projectServiceId: serviceId });
    }
  }, [existing.data, id, serviceId, form]);

  // The planned services an announcement may be drafted for: those still to buy, and the
  // draft's own.
  const services = useMemo(
    () =>
      (projects ?? []).flatMap((p) =>
        p.services
          .filter(
            (s) => s.actions?.includes('announce') || s.id === existing.data?.projectServiceId || s.id === serviceId,
          )
          .map((s) => ({ project: p, service: s })),
      ),
    [projects, existing.data, serviceId],
  );
  const chosen = services.find((x) => x.service.id === chosenService);
  const { data: item } = useCatalogItem(chosen?.service.itemId);

  if (existing.error) return <QueryError error={existing.error} onRetry={() => void existing.refetch()} />;

  const steps = [
    t('procurement.wizard.steps.service'),
    t('procurement.wizard.steps.terms'),
    t('procurement.wizard.steps.method'),
    t('procurement.wizard.steps.avoidance'),
    t('procurement.wizard.steps.review'),
  ];

  const next = async () => {
    try {
      await form.validateFields(stepFields[step].filter((f) => f !== 'avoidances' && f !== 'fileIds'));
      setStep(step + 1);
    } catch {
      /* the form shows what is missing */
    }
  };

  /** Shows a refusal on its fields and opens the first step with one. */
  const refused = (error: unknown) => {
    if (showFieldErrors(form, t, error) && isApiError(error)) {
      const first = fieldErrors(error.problem)[0];
      const at = stepFields.findIndex((fields) => fields.includes(String(first?.name[0])));
      if (at >= 0) setStep(at);
      return;
    }
    message.error(errorMessage(t, error));
  };

  const save = async (): Promise<number | undefined> => {
    const body = toInput(form.getFieldsValue(true), attachments);
    try {
      const saved = draftId ? await update.mutateAsync({ id: draftId, body }) : await create.mutateAsync(body);
      setDraftId(saved.id);
      return saved.id;
    } catch (error) {
      refused(error);
      return undefined;
    }
  };

  const saveDraft = async () => {
    const saved = await save();
    if (saved) {
      message.success(t('procurement.wizard.saved'));
      void navigate(`/workspace/announcements/${saved}`);
    }
  };

  const doPublish = () =>
    Modal.confirm({
      title: t('procurement.wizard.publishConfirm'),
      okText: t('procurement.wizard.publish'),
      okButtonProps: { ...{ 'data-testid': 'confirm-publish' } },
      onOk: async () => {
        const saved = await save();
        if (!saved) return;
        try {
          const a = await publish.mutateAsync(saved);
          message.success(t('procurement.announcements.published', { code: a.code }));
          void navigate(`/workspace/announcements/${a.id}`);
        } catch (error) {
          refused(error);
        }
      },
    });

  const upload = async (file: File) => {
    setUploading(true);
    try {
      const f = await uploadFile(file, 'announcement_attachment');
      setAttachments((list) => [...list, { fileId: f.id, filename: f.filename }]);
    } catch (error) {
      message.error(errorMessage(t, error));
    } finally {
      setUploading(false);
    }
  };

  const busy = create.isPending || update.isPending || publish.isPending;
  const values = form.getFieldsValue(true) as Values;
  const show = (n: number) => ({ display: step === n ? undefined : 'none' });
  const required = { required: true, message: t('fieldReasons.required') };

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {id ? t('procurement.wizard.editTitle') : t('procurement.wizard.newTitle')}
        </Typography.Title>
      }
    >
      <Steps
        current={step}
        size="small"
        responsive
        items={steps.map((title) => ({ title }))}
        style={{ marginBottom: 24 }}
        data-testid="wizard-steps"
      />
      <Form form={form} layout="vertical" data-testid="announcement-form" style={{ maxWidth: 760 }}>
        <div style={show(0)}>
          <Form.Item name="projectServiceId" label={t('procurement.wizard.service')} rules={[required]}>
            <Select
              showSearch
              optionFilterProp="label"
              placeholder={t('procurement.wizard.servicePlaceholder')}
              data-testid="wizard-service"
              options={services.map(({ project, service }) => ({
                value: service.id,
                label: `${project.name} · ${service.itemCode} ${name({ nameZh: service.itemNameZh, nameEn: service.itemNameEn })}`,
              }))}
            />
          </Form.Item>
          {chosen && (
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('procurement.announcements.project')}>
                {chosen.project.name}（{chosen.project.code}）
              </Descriptions.Item>
              <Descriptions.Item label={t('procurement.announcements.item')}>
                {chosen.service.itemCode}{' '}
                {name({ nameZh: chosen.service.itemNameZh, nameEn: chosen.service.itemNameEn })}
              </Descriptions.Item>
              {item && (
                <Descriptions.Item label={t('procurement.announcements.serviceWorkdays')}>
                  {t('procurement.wizard.committedDays', { days: item.committedDays })}
                </Descriptions.Item>
              )}
            </Descriptions>
          )}
        </div>
        <div style={show(1)}>
          <Form.Item name="title" label={t('procurement.announcements.titleField')} rules={[required]}>
            <Input maxLength={200} data-testid="wizard-title" />
          </Form.Item>
          <Form.Item name="description" label={t('procurement.announcements.description')} rules={[required]}>
            <Input.TextArea rows={4} maxLength={5000} data-testid="wizard-description" />
          </Form.Item>
          <Form.Item
            name="ceilingFen"
            label={t('procurement.announcements.ceiling')}
            rules={[required]}
            extra={rules && t('procurement.wizard.directLimit', { amount: formatFen(rules.directLimitFen) })}
          >
            <Input inputMode="decimal" data-testid="wizard-ceiling" />
          </Form.Item>
          <Form.Item
            name="serviceWorkdays"
            label={t('procurement.announcements.serviceWorkdays')}
            rules={[required]}
            extra={item && t('procurement.wizard.committedDays', { days: item.committedDays })}
          >
            <InputNumber min={1} max={1000} precision={0} style={{ width: 160 }} data-testid="wizard-workdays" />
          </Form.Item>
          <Form.Item
            name="registrationDeadline"
            label={t('procurement.announcements.deadline')}
            rules={[required]}
            extra={rules && t('procurement.wizard.deadlineHelp', { days: rules.registrationWorkdays })}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: 220 }}
              data-testid="wizard-deadline"
            />
          </Form.Item>
        </div>
        <div style={show(2)}>
          <Form.Item name="method" label={t('procurement.announcements.method')} rules={[required]}>
            <Select data-testid="wizard-method" options={methods.map((m) => ({ value: m, label: methodLabel(m) }))} />
          </Form.Item>
          {method === 'random' && (
            <Form.Item
              name="statedPriceFen"
              label={t('procurement.announcements.statedPrice')}
              extra={t('procurement.announcements.statedPriceHelp')}
              rules={[required]}
            >
              <Input inputMode="decimal" data-testid="wizard-stated-price" />
            </Form.Item>
          )}
          {method === 'comprehensive' && (
            <Form.Item label={t('procurement.announcements.weights')} required>
              <Space wrap>
                {(['weightPrice', 'weightCredit', 'weightRating'] as const).map((w) => (
                  <Form.Item key={w} name={w} rules={[required]} style={{ margin: 0 }}>
                    <InputNumber
                      min={0}
                      max={100}
                      precision={0}
                      addonBefore={t(`procurement.announcements.${w}`)}
                      style={{ width: 170 }}
                      data-testid={`wizard-${w}`}
                    />
                  </Form.Item>
                ))}
              </Space>
            </Form.Item>
          )}
          <Form.Item
            label={t('procurement.announcements.requirements')}
            extra={t('procurement.announcements.requirementsHelp')}
          >
            <RequirementTags
              requirements={(item?.requirements ?? []).map((r) => ({
                zh: `${r.typeNameZh}（${r.minLevelNameZh}）`,
                en: `${r.typeNameEn} (${r.minLevelNameEn})`,
              }))}
            />
          </Form.Item>
          <Form.Item name="practitionerRequirements" label={t('procurement.announcements.practitionerRequirements')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </div>
        <div style={show(3)}>
          <Typography.Title level={5}>{t('procurement.announcements.avoidances')}</Typography.Title>
          <Form.List name="avoidances">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8} style={{ marginBottom: 16 }}>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} wrap align="start">
                    <Form.Item
                      name={[field.name, 'agencyId']}
                      rules={[required]}
                      style={{ flex: '1 1 220px', margin: 0 }}
                    >
                      <AgencyPicker initialName={form.getFieldValue(['avoidances', field.name, 'agencyName'])} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'reason']}
                      rules={[required]}
                      style={{ flex: '2 1 260px', margin: 0 }}
                    >
                      <Input placeholder={t('procurement.announcements.avoidReason')} maxLength={500} />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('procurement.services.delete')}
                      onClick={() => remove(field.name)}
                    />
                  </Flex>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({})} style={{ alignSelf: 'start' }}>
                  {t('procurement.announcements.addAvoidance')}
                </Button>
              </Flex>
            )}
          </Form.List>
          <Typography.Title level={5}>{t('procurement.announcements.attachments')}</Typography.Title>
          <Flex vertical gap={8}>
            {attachments.map((a) => (
              <Flex key={a.fileId} gap={8} align="center">
                <Typography.Text ellipsis style={{ maxWidth: 280 }}>
                  {a.filename}
                </Typography.Text>
                <Button
                  size="small"
                  icon={<DeleteOutlined />}
                  aria-label={t('procurement.services.delete')}
                  onClick={() => setAttachments((list) => list.filter((x) => x.fileId !== a.fileId))}
                />
              </Flex>
            ))}
            <Upload
              accept=".pdf,.png,.jpg,.jpeg"
              showUploadList={false}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={uploading}>
                {t('procurement.announcements.upload')}
              </Button>
            </Upload>
          </Flex>
        </div>
        <div style={show(4)}>
          {step === 4 && (
            <Descriptions column={1} size="small" bordered data-testid="wizard-review">
              <Descriptions.Item label={t('procurement.announcements.project')}>
                {chosen?.project.name}
              </Descriptions.Item>
              <Descriptions.Item label={t('procurement.announcements.titleField')}>{values.title}</Descriptions.Item>
              <Descriptions.Item label={t('procurement.announcements.ceiling')}>
                {yuanToFen(values.ceilingFen) !== undefined && <Money fen={yuanToFen(values.ceilingFen)!} />}
              </Descriptions.Item>
              <Descriptions.Item label={t('procurement.announcements.method')}>
                {values.method && methodLabel(values.method)}
              </Descriptions.Item>
              <Descriptions.Item label={t('procurement.announcements.serviceWorkdays')}>
                {t('procurement.workdays', { count: values.serviceWorkdays ?? 0 })}
              </Descriptions.Item>
              <Descriptions.Item label={t('procurement.announcements.deadline')}>
                {values.registrationDeadline?.format('YYYY-MM-DD HH:mm')}
              </Descriptions.Item>
              <Descriptions.Item label={t('procurement.announcements.avoidances')}>
                {(values.avoidances ?? []).length}
              </Descriptions.Item>
              <Descriptions.Item label={t('procurement.announcements.attachments')}>
                {attachments.length}
              </Descriptions.Item>
            </Descriptions>
          )}
        </div>
      </Form>
      <Flex gap={8} wrap style={{ marginTop: 24 }}>
        {step > 0 && (
          <Button onClick={() => setStep(step - 1)} data-testid="wizard-prev">
            {t('procurement.wizard.prev')}
          </Button>
        )}
        {step < steps.length - 1 && (
          <Button type="primary" onClick={() => void next()} data-testid="wizard-next">
            {t('procurement.wizard.next')}
          </Button>
        )}
        <Button onClick={() => void saveDraft()} loading={busy} data-testid="wizard-save">
          {t('procurement.wizard.saveDraft')}
        </Button>
        {step === steps.length - 1 && (
          <Button type="primary" onClick={doPublish} loading={busy} data-testid="wizard-publish">
            {t('procurement.wizard.publish')}
          </Button>
        )}
      </Flex>
    </Card>
  );
}

/** Qualification requirements as tags, in the UI language. */
export function RequirementTags({ requirements }: { requirements: { zh: string; en: string }[] }) {
  const { t } = useTranslation();
  const pick = useBilingual();
  if (requirements.length === 0)
    return <Typography.Text type="secondary">{t('procurement.announcements.noRequirements')}</Typography.Text>;
  return (
    <Flex wrap gap={4}>
      {requirements.map((r) => (
        <Tag key={r.zh}>{pick(r.zh, r.en)}</Tag>
      ))}
    </Flex>
  );
}

/** An approved agency, searched in the public directory by name or credit code. */
function AgencyPicker({
  value,
  onChange,
  initialName,
}: {
  value?: number;
  onChange?: (v: number) => void;
  initialName?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { data, isFetching } = useDirectory({ q, pageSize: 20 } as never);
  const options = (data?.items ?? []).map((a) => ({ value: a.id, label: a.name }));
  if (value && initialName && !options.some((o) => o.value === value)) options.unshift({ value, label: initialName });
  return (
    <Select
      showSearch
      value={value}
      onChange={onChange}
      filterOption={false}
      onSearch={setQ}
      loading={isFetching}
      placeholder={t('procurement.announcements.avoidAgency')}
      options={options}
      aria-label={t('procurement.announcements.avoidAgency')}
    />
  );
}
