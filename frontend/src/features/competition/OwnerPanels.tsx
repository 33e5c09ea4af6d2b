import { App, Button, Card, Form, Input, Radio, Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/datetime';
import { errorMessage, showFieldErrors } from '../../lib/errors';
import { offers } from '../../lib/permissions';
import { useAnswerObjection, useChoose, useObjections, type ObjectionView, type Result } from './api';

/** 直接选取: the owner picks one eligible registrant, with a written reason. */
export function DirectChoicePanel({ result }: { result: Result }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ registrationId: number; reason: string }>();
  const choose = useChoose();
  if (!offers(result, 'choose')) return null;
  const submit = async () => {
    const values = await form.validateFields();
    choose.mutate(
      { id: result.announcementId, ...values },
      {
        onSuccess: () => void message.success(t('competition.choice.done')),
        onError: (e) => {
          if (!showFieldErrors(form, t, e)) void message.error(errorMessage(t, e));
        },
      },
    );
  };
  return (
    <Card title={t('competition.choice.title')} data-testid="direct-choice">
      <Typography.Paragraph type="secondary">{t('competition.choice.lead')}</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={() => void submit()}>
        <Form.Item
          name="registrationId"
          label={t('competition.choice.agency')}
          rules={[{ required: true, message: t('fieldReasons.not_eligible_registrant') }]}
        >
          <Select
            options={result.registrants
              .filter((r) => r.eligible)
              .map((r) => ({ value: r.registrationId, label: r.agencyName }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('competition.choice.reason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('fieldReasons.reason_required') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={choose.isPending}>
          {t('competition.choice.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** 质疑与答复: the objections to the announcement's selections, answered by the owner. */
export function ObjectionsPanel({ announcementId }: { announcementId: number }) {
  const { t } = useTranslation();
  const { data } = useObjections(announcementId, true);
  if (!data || data.length === 0) return null;
  return (
    <Card title={t('competition.objections.title')} data-testid="objections-panel">
      <Table<ObjectionView>
        rowKey="id"
        dataSource={data}
        pagination={false}
        size="middle"
        scroll={{ x: 760 }}
        expandable={{
          expandedRowRender: (o) => <AnswerForm objection={o} />,
          rowExpandable: (o) => offers(o, 'answer') || !!o.answer,
          defaultExpandAllRows: true,
        }}
        columns={[
          { title: t('competition.objections.agency'), dataIndex: 'agencyName', width: 200 },
          { title: t('competition.objections.grounds'), dataIndex: 'grounds' },
          {
            title: t('competition.objections.answerBy'),
            dataIndex: 'answerBy',
            width: 150,
            render: (d: string) => formatDateTime(d),
          },
          {
            title: t('competition.objections.status'),
            dataIndex: 'status',
            width: 110,
            render: (s: ObjectionView['status']) => (
              <Tag color={s === 'pending' ? 'warning' : s === 'upheld' ? 'error' : 'default'}>
                {t(`competition.objections.statuses.${s}`)}
              </Tag>
            ),
          },
        ]}
      />
    </Card>
  );
}

function AnswerForm({ objection }: { objection: ObjectionView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ decision: 'upheld' | 'dismissed'; answer: string }>();
  const answer = useAnswerObjection();
  if (!offers(objection, 'answer')) return <Typography.Paragraph>{objection.answer}</Typography.Paragraph>;
  const submit = async () => {
    const body = await form.validateFields();
    answer.mutate(
      { id: objection.id, body },
      {
        onSuccess: () => void message.success(t('competition.objections.done')),
        onError: (e) => {
          if (!showFieldErrors(form, t, e)) void message.error(errorMessage(t, e));
        },
      },
    );
  };
  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={() => void submit()}>
      <Form.Item
        name="decision"
        label={t('competition.objections.decision')}
        extra={t('competition.objections.upheldNote')}
        rules={[{ required: true, message: t('fieldReasons.decision') }]}
      >
        <Radio.Group>
          <Radio value="dismissed">{t('competition.objections.statuses.dismissed')}</Radio>
          <Radio value="upheld">{t('competition.objections.statuses.upheld')}</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="answer"
        label={t('competition.objections.answerText')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('fieldReasons.answer_required') }]}
      >
        <Input.TextArea rows={3} maxLength={5000} showCount />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={answer.isPending}>
        {t('competition.objections.submit')}
      </Button>
    </Form>
  );
}
