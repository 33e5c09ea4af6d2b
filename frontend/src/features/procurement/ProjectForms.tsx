import { useEffect } from 'react';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { RegionSelect } from '../../components/regions';
import { ServiceItemSelect } from '../../components/catalog';
import { errorMessage, showFieldErrors } from '../../lib/errors';
import { fenToYuanText, yuanToFen } from '../../lib/money';
import {
  useAddService,
  useCreateProject,
  useUpdateProject,
  useUpdateService,
  type PlannedService,
  type Project,
} from './api';
import { useStageLabel } from './labels';

const stages = ['planning', 'approval', 'design', 'construction', 'completed'] as const;

interface ProjectValues {
  code: string;
  name: string;
  regionCode: string;
  totalInvestmentFen: string;
  stage: Project['stage'];
}

/** Creates a project, or edits `project` when given. */
export function ProjectModal({
  open,
  project,
  onClose,
  onSaved,
}: {
  open: boolean;
  project?: Project;
  onClose: () => void;
  onSaved?: (p: Project) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProjectValues>();
  const create = useCreateProject();
  const update = useUpdateProject(project?.id ?? 0);
  const stageLabel = useStageLabel();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (project)
      form.setFieldsValue({
        code: project.code,
        name: project.name,
        regionCode: project.regionCode,
        totalInvestmentFen: fenToYuanText(project.totalInvestmentFen),
        stage: project.stage,
      });
  }, [open, project, form]);
  const submit = async (v: ProjectValues) => {
    const body = { ...v, totalInvestmentFen: yuanToFen(v.totalInvestmentFen) ?? -1 };
    try {
      const saved = project ? await update.mutateAsync(body) : await create.mutateAsync(body);
      message.success(t('procurement.projects.saved'));
      onSaved?.(saved);
      onClose();
    } catch (error) {
      if (!showFieldErrors(form, t, error)) message.error(errorMessage(t, error));
    }
  };
  return (
    <Modal
      open={open}
      title={project ? t('procurement.projects.edit') : t('procurement.projects.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ ...{ 'data-testid': 'project-save' } }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="project-form">
        <Form.Item
          name="code"
          label={t('procurement.projects.code')}
          extra={t('procurement.projects.codeHelp')}
          rules={[{ required: true, message: t('fieldReasons.required') }]}
        >
          <Input maxLength={40} data-testid="project-code" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('procurement.projects.name')}
          rules={[{ required: true, message: t('fieldReasons.required') }]}
        >
          <Input maxLength={200} data-testid="project-name" />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('procurement.projects.region')}
          rules={[{ required: true, message: t('fieldReasons.required') }]}
        >
          <RegionSelect data-testid="project-region" />
        </Form.Item>
        <Form.Item
          name="totalInvestmentFen"
          label={t('procurement.projects.investment')}
          rules={[
            { required: true, message: t('fieldReasons.required') },
            {
              validator: async (_, v) =>
                yuanToFen(v) === undefined ? Promise.reject(new Error(t('fieldReasons.amount_range'))) : undefined,
            },
          ]}
        >
          <Input inputMode="decimal" data-testid="project-investment" />
        </Form.Item>
        <Form.Item
          name="stage"
          label={t('procurement.projects.stage')}
          rules={[{ required: true, message: t('fieldReasons.required') }]}
        >
          <Select data-testid="project-stage" options={stages.map((s) => ({ value: s, label: stageLabel(s) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ServiceValues {
  itemId?: number;
  plannedDate?: dayjs.Dayjs;
  note?: string;
}

/** Plans a service of a project, or changes the date and note of `service`. */
export function ServiceModal({
  open,
  projectId,
  service,
  onClose,
}: {
  open: boolean;
  projectId: number;
  service?: PlannedService;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ServiceValues>();
  const add = useAddService(projectId);
  const change = useUpdateService(projectId);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (service)
      form.setFieldsValue({
        itemId: service.itemId,
        note: service.note,
        plannedDate: service.plannedDate ? dayjs(service.plannedDate) : undefined,
      });
  }, [open, service, form]);
  const submit = async (v: ServiceValues) => {
    const plannedDate = v.plannedDate ? v.plannedDate.format('YYYY-MM-DD') : undefined;
    try {
      if (service) await change.mutateAsync({ serviceId: service.id, plannedDate, note: v.note ?? '' });
      else await add.mutateAsync({ itemId: v.itemId ?? 0, plannedDate, note: v.note ?? '' });
      onClose();
    } catch (error) {
      if (!showFieldErrors(form, t, error)) message.error(errorMessage(t, error));
    }
  };
  return (
    <Modal
      open={open}
      title={service ? t('procurement.services.edit') : t('procurement.services.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={add.isPending || change.isPending}
      okButtonProps={{ ...{ 'data-testid': 'service-save' } }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="service-form">
        <Form.Item
          name="itemId"
          label={t('procurement.services.item')}
          rules={[{ required: true, message: t('fieldReasons.required') }]}
        >
          <ServiceItemSelect disabled={!!service} data-testid="service-item" />
        </Form.Item>
        <Form.Item name="plannedDate" label={t('procurement.services.plannedDate')}>
          <DatePicker style={{ width: '100%' }} data-testid="service-date" />
        </Form.Item>
        <Form.Item name="note" label={t('procurement.services.note')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
