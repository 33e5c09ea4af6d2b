import { useState } from 'react';
import { App, Button, Card, InputNumber, Switch, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/datetime';
import { useUpdateWarningRule, useWarningRules, type RuleName, type WarningRule } from './api';

type Edits = Partial<Record<RuleName, Partial<WarningRule>>>;

/** 预警规则: when each kind of time limit turns yellow and red; the platform admin keeps them. */
export function WarningRulesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: rules, error, refetch, isLoading } = useWarningRules();
  const update = useUpdateWarningRule();
  const [edits, setEdits] = useState<Edits>({});
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  const value = (r: WarningRule): WarningRule => ({ ...r, ...edits[r.rule] });
  const edit = (rule: RuleName, change: Partial<WarningRule>) =>
    setEdits((e) => ({ ...e, [rule]: { ...e[rule], ...change } }));
  const save = async (r: WarningRule) => {
    const v = value(r);
    try {
      await update.mutateAsync({
        rule: r.rule,
        body: {
          enabled: v.enabled,
          dueWorkdays: v.dueWorkdays,
          yellowBeforeWorkdays: v.yellowBeforeWorkdays,
          redAfterWorkdays: v.redAfterWorkdays,
        },
      });
      setEdits((e) => ({ ...e, [r.rule]: undefined }));
      message.success(t('warnings.settings.saved'));
    } catch (e) {
      message.error(errorMessage(t, e));
    }
  };
  const days = (r: WarningRule, field: 'dueWorkdays' | 'yellowBeforeWorkdays' | 'redAfterWorkdays') => (
    <InputNumber
      min={field === 'dueWorkdays' ? 1 : 0}
      max={60}
      precision={0}
      value={value(r)[field]}
      aria-label={`${t(`warnings.rules.${r.rule}`)} ${t(`warnings.settings.${field}`)}`}
      onChange={(n) => edit(r.rule, { [field]: n ?? 0 })}
      style={{ width: 90 }}
    />
  );
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('warnings.settings.title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph type="secondary">{t('warnings.settings.lead')}</Typography.Paragraph>
      <Table<WarningRule>
        rowKey="rule"
        loading={isLoading}
        dataSource={rules ?? []}
        pagination={false}
        size="middle"
        scroll={{ x: 900 }}
        data-testid="warning-rules"
        columns={[
          {
            title: t('warnings.fields.rule'),
            key: 'rule',
            render: (_, r) => (
              <>
                <Typography.Text strong>{t(`warnings.rules.${r.rule}`)}</Typography.Text>
                <br />
                <Typography.Text type="secondary">{t(`warnings.ruleHelp.${r.rule}`)}</Typography.Text>
              </>
            ),
          },
          {
            title: t('warnings.settings.enabled'),
            key: 'enabled',
            width: 70,
            render: (_, r) => (
              <Switch
                checked={value(r).enabled}
                aria-label={`${t(`warnings.rules.${r.rule}`)} ${t('warnings.settings.enabled')}`}
                onChange={(enabled) => edit(r.rule, { enabled })}
              />
            ),
          },
          {
            title: t('warnings.settings.dueWorkdays'),
            key: 'due',
            width: 130,
            render: (_, r) => (r.rule === 'acceptance_delayed' ? days(r, 'dueWorkdays') : '—'),
          },
          {
            title: t('warnings.settings.yellowBeforeWorkdays'),
            key: 'yellow',
            width: 130,
            render: (_, r) => days(r, 'yellowBeforeWorkdays'),
          },
          {
            title: t('warnings.settings.redAfterWorkdays'),
            key: 'red',
            width: 130,
            render: (_, r) => days(r, 'redAfterWorkdays'),
          },
          {
            title: t('warnings.settings.updatedAt'),
            key: 'updated',
            width: 150,
            render: (_, r) => formatDateTime(r.updatedAt),
          },
          {
            key: 'save',
            width: 90,
            render: (_, r) => (
              <Button type="primary" disabled={!edits[r.rule]} loading={update.isPending} onClick={() => void save(r)}>
                {t('warnings.settings.save')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
