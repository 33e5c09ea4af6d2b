import { useEffect, useId, useState } from 'react';
import { Alert, Descriptions, Spin, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../lib/datetime';
import { drawCode, verifyDraw, type DrawCheck, type PublicDraw } from './drawV1';

export interface DrawVerificationProps {
  /** The published draw, exactly as GET /api/v1/notices/{code}/draw serves it. */
  draw: PublicDraw;
  /** Agency names by unified social credit code, for display. */
  names?: Record<string, string>;
}

/** The state of the in-browser check: running, done, or failed before it could decide. */
export type CheckState = { status: 'checking' } | { status: 'error'; message: string } | DrawCheck;

/**
 * The verifiable draw (随机抽取) of an announcement, recomputed in the visitor's browser with
 * WebCrypto: whether the published secret matches the commitment published before the draw, and
 * whether the published order is the one draw-v1 gives (docs/draw.md).
 */
export function DrawVerification({ draw, names = {} }: DrawVerificationProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const [check, setCheck] = useState<CheckState>({ status: 'checking' });
  useEffect(() => {
    let live = true;
    setCheck({ status: 'checking' });
    verifyDraw(draw).then(
      (result) => live && setCheck(result),
      (e: unknown) => live && setCheck({ status: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [draw]);
  return (
    <section aria-labelledby={titleId} data-testid="draw-verification">
      <Typography.Title level={3} id={titleId}>
        {draw.tieRank ? t('draw.tieTitle', { rank: draw.tieRank }) : t('draw.title')}
      </Typography.Title>
      <DrawCheckResult check={check} draw={draw} names={names} />
      <DrawFacts draw={draw} />
      {draw.secret !== null && <DrawOrder check={check} draw={draw} names={names} />}
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {t('draw.howTo', { code: drawCode(draw) })}
      </Typography.Paragraph>
    </section>
  );
}

const mono = { fontFamily: 'monospace', wordBreak: 'break-all' as const };

/** Labels a credit code with the agency's name, when known. */
function useAgencyLabel(names: Record<string, string>): (code: string | undefined) => string {
  const { t } = useTranslation();
  return (code) => {
    if (!code) return '—';
    const name = names[code];
    return name ? t('draw.agency', { name, code }) : code;
  };
}

/** The verdict, announced to screen readers when it changes. */
export function DrawCheckResult({
  check,
  draw,
  names,
}: {
  check: CheckState;
  draw: PublicDraw;
  names: Record<string, string>;
}) {
  const { t } = useTranslation();
  const agency = useAgencyLabel(names);
  let content;
  switch (check.status) {
    case 'checking':
      content = (
        <Alert
          type="info"
          showIcon
          icon={<Spin size="small" />}
          message={t('draw.checking')}
          data-testid="draw-checking"
        />
      );
      break;
    case 'verified':
      content = (
        <Alert
          type="success"
          showIcon
          message={<Typography.Text strong>{t('draw.verified')}</Typography.Text>}
          description={t('draw.verifiedDetail')}
          data-testid="draw-verified"
        />
      );
      break;
    case 'notDrawn':
      content = <Alert type="info" showIcon message={t('draw.notDrawn')} description={t('draw.notDrawnDetail')} />;
      break;
    case 'commitmentMismatch':
      content = (
        <Alert
          type="error"
          showIcon
          message={<Typography.Text strong>{t('draw.commitmentMismatch')}</Typography.Text>}
          description={
            <span style={mono}>
              {t('draw.commitmentMismatchDetail', { computed: check.computed, commitment: draw.commitment })}
            </span>
          }
          data-testid="draw-mismatch"
        />
      );
      break;
    case 'orderMismatch':
      content = (
        <Alert
          type="error"
          showIcon
          message={<Typography.Text strong>{t('draw.orderMismatch')}</Typography.Text>}
          description={t('draw.orderMismatchDetail', {
            position: check.position + 1,
            published: agency(draw.order[check.position]),
            expected: agency(check.expected[check.position]),
          })}
          data-testid="draw-mismatch"
        />
      );
      break;
    case 'invalid':
      content = (
        <Alert
          type="error"
          showIcon
          message={<Typography.Text strong>{t('draw.invalid')}</Typography.Text>}
          description={t(`draw.problems.${check.problem}`)}
          data-testid="draw-mismatch"
        />
      );
      break;
    case 'error':
      content = <Alert type="warning" showIcon message={t('draw.error', { message: check.message })} />;
      break;
  }
  return (
    <div role="status" aria-live="polite" aria-busy={check.status === 'checking'} style={{ marginBottom: 16 }}>
      {content}
    </div>
  );
}

/** The published inputs: algorithm, code, commitment, secret, time. */
function DrawFacts({ draw }: { draw: PublicDraw }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      column={1}
      size="small"
      bordered
      items={[
        { key: 'version', label: t('draw.version'), children: draw.version },
        { key: 'code', label: t('draw.code'), children: <span style={mono}>{drawCode(draw)}</span> },
        { key: 'commitment', label: t('draw.commitment'), children: <span style={mono}>{draw.commitment}</span> },
        {
          key: 'secret',
          label: t('draw.secret'),
          children: <span style={mono}>{draw.secret ?? t('draw.secretHidden')}</span>,
        },
        ...(draw.drawnAt ? [{ key: 'drawnAt', label: t('draw.drawnAt'), children: formatDateTime(draw.drawnAt) }] : []),
      ]}
    />
  );
}

interface Row {
  position: number;
  published?: string;
  recomputed?: string;
}

/** The published order beside the recomputed one, the selected agency first. */
function DrawOrder({ check, draw, names }: { check: CheckState; draw: PublicDraw; names: Record<string, string> }) {
  const { t } = useTranslation();
  const agency = useAgencyLabel(names);
  const recomputed =
    check.status === 'verified' ? check.order : check.status === 'orderMismatch' ? check.expected : undefined;
  const length = Math.max(draw.order.length, recomputed?.length ?? 0);
  const rows: Row[] = Array.from({ length }, (_, i) => ({
    position: i + 1,
    published: draw.order[i],
    recomputed: recomputed?.[i],
  }));
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 16 }}>
        {t('draw.order', { count: draw.candidates.length })}
      </Typography.Title>
      <Table<Row>
        rowKey="position"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        columns={[
          {
            key: 'position',
            title: t('draw.position'),
            render: (_, r) => (
              <>
                {r.position}
                {r.position === 1 && (
                  <Tag color="green" style={{ marginLeft: 8 }}>
                    {t('draw.selected')}
                  </Tag>
                )}
              </>
            ),
          },
          { key: 'published', title: t('draw.published'), render: (_, r) => agency(r.published) },
          {
            key: 'recomputed',
            title: t('draw.recomputed'),
            render: (_, r) =>
              recomputed === undefined ? (
                '…'
              ) : r.recomputed === r.published ? (
                <Typography.Text type="success">✓ {t('draw.same')}</Typography.Text>
              ) : (
                <Typography.Text type="danger" strong>
                  ✗ {agency(r.recomputed)}
                </Typography.Text>
              ),
          },
        ]}
      />
    </>
  );
}
