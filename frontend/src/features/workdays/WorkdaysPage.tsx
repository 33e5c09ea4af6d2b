import { useEffect, useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Table,
  Tag,
  Typography,
} from 'antd';
import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../components/agency';
import { QueryError } from '../../components/QueryError';
import { errorMessage, showFieldErrors } from '../../lib/errors';
import { can } from '../../lib/permissions';
import { formatDateTime } from '../../lib/datetime';
import { requiredRule } from '../../lib/validators';
import { useCurrentSession } from '../../pages/workspace/session';
import { weekdayOf } from './days';
import { WorkdayChangesCard } from './WorkdayChangesCard';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useNarrow } from '../../lib/useNarrow';
import { useRemoveWorkday, useSaveWorkday, useWorkdayYear, type WorkdayException } from './api';

/**
 * 工作日历: the year's holidays on weekdays and working weekend days (调休), which every
 * deadline counted in working days follows. The platform admin keeps it; every change is
 * recorded on the server.
 */
export function WorkdaysPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useCurrentSession();
  const name = useLocalName();
  // The year is kept in the URL (?year=2027), so a year's calendar can be linked to.
  const [filters, setFilter] = useUrlFilters('year');
  const thisYear = Number(formatDateTime(new Date().toISOString(), false).slice(0, 4));
  const year = /^\d{4}$/.test(filters.year) ? Number(filters.year) : thisYear;
  const setYear = (next: (y: number) => number) => setFilter('year', String(next(year)));
  const { data, isPending, error, refetch } = useWorkdayYear(year);
  const remove = useRemoveWorkday();
  const [editing, setEditing] = useState<WorkdayException | 'new'>();
  const mayAdd = can(session, 'workdays.add');
  const mayChange = can(session, 'workdays.change');
  const mayRemove = can(session, 'workdays.remove');

  const narrow = useNarrow();
  const kindTag = (kind: WorkdayException['kind']) => (
    <Tag bordered={false} color={kind === 'holiday' ? 'red' : 'blue'}>
      {t(`workdays.kinds.${kind}`)}
    </Tag>
  );
  const weekday = (date: string) => t(`workdays.weekdays.w${weekdayOf(date)}` as 'workdays.weekdays.w0');

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('workdays.title')}
          </Typography.Title>
        }
        extra={
          mayAdd && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-workday">
              {t('workdays.add')}
            </Button>
          )
        }
      >
        <Typography.Paragraph type="secondary">{t('workdays.lead')}</Typography.Paragraph>
        <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
          <Button
            icon={<LeftOutlined aria-hidden />}
            aria-label={t('workdays.prevYear')}
            onClick={() => setYear((y) => y - 1)}
            data-testid="prev-year"
          />
          <Typography.Text strong data-testid="calendar-year">
            {t('workdays.year', { year })}
          </Typography.Text>
          <Button
            icon={<RightOutlined aria-hidden />}
            aria-label={t('workdays.nextYear')}
            onClick={() => setYear((y) => y + 1)}
            data-testid="next-year"
          />
        </Flex>
        {error ? (
          <QueryError error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<WorkdayException>
            rowKey="date"
            loading={isPending}
            dataSource={data?.items ?? []}
            locale={{ emptyText: t('workdays.empty') }}
            pagination={false}
            size="small"
            scroll={narrow ? undefined : { x: 560 }}
            data-testid="workdays-table"
            columns={[
              {
                title: t('workdays.date'),
                dataIndex: 'date',
                width: narrow ? undefined : 150,
                render: (date: string, e) => (
                  <>
                    <span data-testid={`workday-${date}`}>
                      {date} {weekday(date)}
                    </span>
                    {/* On a phone the type and name go under the date, so the row fits the screen. */}
                    {narrow && (
                      <div>
                        {kindTag(e.kind)} {name(e)}
                      </div>
                    )}
                  </>
                ),
              },
              ...(narrow
                ? []
                : [
                    {
                      title: t('workdays.kind'),
                      dataIndex: 'kind',
                      width: 170,
                      render: (kind: WorkdayException['kind']) => kindTag(kind),
                    },
                    { title: t('workdays.name'), key: 'name', render: (_: unknown, e: WorkdayException) => name(e) },
                  ]),
              ...(mayChange || mayRemove
                ? [
                    {
                      title: t('common.actions'),
                      key: 'actions',
                      width: narrow ? 90 : 150,
                      render: (_: unknown, e: WorkdayException) => (
                        <Flex gap={4} wrap>
                          {mayChange && (
                            <Button size="small" onClick={() => setEditing(e)} data-testid={`edit-workday-${e.date}`}>
                              {t('workdays.edit')}
                            </Button>
                          )}
                          {mayRemove && (
                            <Popconfirm
                              title={t('workdays.removeConfirm', { date: e.date })}
                              okText={t('workdays.remove')}
                              okButtonProps={{ danger: true, loading: remove.isPending }}
                              onConfirm={() =>
                                remove.mutateAsync(e.date).then(
                                  () => void message.success(t('workdays.removed')),
                                  (err: unknown) => void message.error(errorMessage(t, err)),
                                )
                              }
                            >
                              <Button size="small" danger data-testid={`remove-workday-${e.date}`}>
                                {t('workdays.remove')}
                              </Button>
                            </Popconfirm>
                          )}
                        </Flex>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
        <WorkdayModal editing={editing} year={year} onClose={() => setEditing(undefined)} />
      </Card>
      {can(session, 'workdays.listChanges') && <WorkdayChangesCard year={year} />}
    </Flex>
  );
}

interface WorkdayValues {
  date?: Dayjs;
  kind: WorkdayException['kind'];
  nameZh: string;
  nameEn: string;
}

function WorkdayModal({
  editing,
  year,
  onClose,
}: {
  editing?: WorkdayException | 'new';
  year: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<WorkdayValues>();
  const save = useSaveWorkday();
  const existing = editing && editing !== 'new' ? editing : undefined;

  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    if (existing)
      form.setFieldsValue({
        date: dayjs(existing.date),
        kind: existing.kind,
        nameZh: existing.nameZh,
        nameEn: existing.nameEn,
      });
  }, [editing, existing, form]);

  const onFinish = (values: WorkdayValues) => {
    const date = existing?.date ?? values.date?.format('YYYY-MM-DD') ?? '';
    save.mutate(
      { date: existing?.date, body: { date, kind: values.kind, nameZh: values.nameZh, nameEn: values.nameEn } },
      {
        onSuccess: () => {
          void message.success(t('workdays.saved'));
          onClose();
        },
        onError: (err) => {
          if (!showFieldErrors(form, t, err)) void message.error(errorMessage(t, err));
        },
      },
    );
  };

  return (
    <Modal
      open={!!editing}
      title={existing ? t('workdays.editTitle', { date: existing.date }) : t('workdays.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, ...{ 'data-testid': 'save-workday' } }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ kind: 'holiday' }}>
        <Form.Item name="date" label={t('workdays.date')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker
            disabled={!!existing}
            style={{ width: '100%' }}
            defaultPickerValue={dayjs(`${year}-01-01`)}
            data-testid="workday-date"
          />
        </Form.Item>
        <Form.Item name="kind" label={t('workdays.kind')}>
          <Radio.Group data-testid="workday-kind">
            <Radio value="holiday">{t('workdays.kinds.holiday')}</Radio>
            <Radio value="workday">{t('workdays.kinds.workday')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="nameZh" label={t('workdays.nameZh')} rules={[requiredRule(t)]}>
          <Input maxLength={40} placeholder="春节" data-testid="workday-name-zh" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('workdays.nameEn')} rules={[requiredRule(t)]}>
          <Input maxLength={80} placeholder="Spring Festival" data-testid="workday-name-en" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
