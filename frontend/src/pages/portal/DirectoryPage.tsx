import { startTransition, useDeferredValue, useEffect, useState, type ReactNode } from 'react';
import { Button, Card, Col, Form, Input, Row, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDirectory } from '../../api/hooks';
import type { DirectoryEntry } from '../../api/client';
import { LevelSelect, QualificationTypeSelect, ServiceItemSelect } from '../../components/catalog';
import { QueryError } from '../../components/QueryError';
import { RegionSelect, useRegionLabel } from '../../components/regions';
import styles from './HomePage.module.css';
import { Heading } from '../../components/Heading';

const pageSize = 20;

const numberParam = (v: string | null) => {
  const n = Number(v);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

/**
 * The four pickers (antd Selects, each with its catalogue query) are the costliest part of the
 * page's first render on a slow phone. They mount after the first paint, in a transition that
 * React renders in interruptible slices, so the page and its table come first; until then a
 * box of the same size holds their place.
 */
function useAfterFirstPaint(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const timer = setTimeout(() => startTransition(() => setReady(true)), 0);
      cleanup = () => clearTimeout(timer);
    });
    let cleanup = () => cancelAnimationFrame(frame);
    return () => cleanup();
  }, []);
  return ready;
}

const Deferred = ({ ready, children }: { ready: boolean; children: ReactNode }) =>
  ready ? children : <div style={{ height: 32 }} aria-hidden />;

/** 中介机构名录: the public directory of approved agencies, searchable and filterable. */
export function DirectoryPage() {
  const { t } = useTranslation();
  const regionLabel = useRegionLabel();
  // Filters live in the URL, so a search can be shared and "back" returns to it.
  const [params, setParams] = useSearchParams();
  const filters = {
    q: params.get('q') ?? '',
    itemId: numberParam(params.get('itemId')),
    regionCode: params.get('regionCode') ?? '',
    typeId: numberParam(params.get('typeId')),
    levelCode: params.get('levelCode') ?? '',
  };
  const page = numberParam(params.get('page')) ?? 1;
  const pickers = useAfterFirstPaint();
  const { data: fetched, error, isFetching, refetch } = useDirectory({ ...filters, page, pageSize });
  // A query's answer re-renders at once, in one block; the table of 20 agencies is the heaviest
  // render of the portal, so it follows in interruptible slices and a phone stays responsive.
  const data = useDeferredValue(fetched);

  const update = (changes: Record<string, string | number | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === undefined || v === '') next.delete(k);
          else next.set(k, String(v));
        }
        if (!('page' in changes)) next.delete('page'); // a new filter starts at page 1
        return next;
      },
      { replace: true },
    );

  // Page links carry a real address, so search engines can walk the directory; a click stays in
  // the app (antd's pager item around the link handles it, and the keyboard).
  const pageLink = (p: number) => {
    const next = new URLSearchParams(params);
    if (p > 1) next.set('page', String(p));
    else next.delete('page');
    const query = next.toString();
    return (
      <a href={`/directory${query ? `?${query}` : ''}`} tabIndex={-1} onClick={(e) => e.preventDefault()}>
        {p}
      </a>
    );
  };

  return (
    <div className={styles.container} style={{ paddingBlock: 32 }}>
      <Heading level={1} look={2} style={{ marginTop: 0 }}>
        {t('directory.title')}
      </Heading>
      <Typography.Paragraph type="secondary">{t('directory.lead')}</Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <Form layout="vertical" data-testid="directory-filters">
          <Row gutter={16}>
            <Col xs={24} md={12} lg={8}>
              <Form.Item label={t('directory.searchPlaceholder')} htmlFor="directory-q">
                <Input.Search
                  key={filters.q /* resets when the URL changes (reset button) */}
                  defaultValue={filters.q}
                  allowClear
                  enterButton={t('directory.search')}
                  placeholder={t('directory.searchPlaceholder')}
                  onSearch={(v) => update({ q: v.trim() })}
                  id="directory-q"
                  data-testid="directory-search"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={10}>
              <Form.Item label={t('directory.item')} htmlFor="directory-item">
                <Deferred ready={pickers}>
                  <ServiceItemSelect
                    allowClear
                    value={filters.itemId}
                    placeholder={t('directory.anyItem')}
                    onChange={(v) => update({ itemId: v })}
                    id="directory-item"
                    data-testid="directory-item"
                  />
                </Deferred>
              </Form.Item>
            </Col>
            <Col xs={24} md={8} lg={6}>
              <Form.Item label={t('directory.region')} htmlFor="directory-region">
                <Deferred ready={pickers}>
                  <RegionSelect
                    allowClear
                    value={filters.regionCode || undefined}
                    placeholder={t('directory.anyRegion')}
                    onChange={(v) => update({ regionCode: v })}
                    id="directory-region"
                    data-testid="directory-region"
                  />
                </Deferred>
              </Form.Item>
            </Col>
            <Col xs={24} md={10} lg={8}>
              <Form.Item label={t('directory.type')} htmlFor="directory-type">
                <Deferred ready={pickers}>
                  <QualificationTypeSelect
                    allowClear
                    value={filters.typeId}
                    placeholder={t('directory.anyType')}
                    onChange={(v) => update({ typeId: v, levelCode: undefined })}
                    id="directory-type"
                    data-testid="directory-type"
                  />
                </Deferred>
              </Form.Item>
            </Col>
            <Col xs={24} md={6} lg={5}>
              <Form.Item label={t('directory.level')} htmlFor="directory-level">
                <Deferred ready={pickers}>
                  <LevelSelect
                    allowClear
                    typeId={filters.typeId}
                    value={filters.levelCode || undefined}
                    placeholder={t('directory.anyLevel')}
                    onChange={(v) => update({ levelCode: v })}
                    id="directory-level"
                    data-testid="directory-level"
                  />
                </Deferred>
              </Form.Item>
            </Col>
            <Col
              xs={24}
              lg={11}
              style={{ display: 'flex', alignItems: 'flex-end', justifyContent: 'flex-end', gap: 12 }}
            >
              <Form.Item>
                <Button onClick={() => setParams({}, { replace: true })}>{t('directory.reset')}</Button>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card>
        {error ? (
          <QueryError error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<DirectoryEntry>
            rowKey="id"
            loading={isFetching || data !== fetched}
            dataSource={data?.items ?? []}
            locale={{ emptyText: t('directory.empty') }}
            size="middle"
            scroll={{ x: 800 }}
            data-testid="directory-table"
            pagination={{
              current: page,
              pageSize,
              total: data?.total ?? 0,
              showSizeChanger: false,
              hideOnSinglePage: true,
              showTotal: (total) => t('directory.total', { count: total }),
              onChange: (p) => update({ page: p > 1 ? p : undefined }),
              itemRender: (p, type, original) => (type === 'page' ? pageLink(p) : original),
            }}
            columns={[
              {
                title: t('directory.name'),
                dataIndex: 'name',
                render: (name: string, e) => (
                  <>
                    <Link to={`/directory/${e.id}`}>{name}</Link>{' '}
                    {e.sanctioned && (
                      <Tag color="error" style={{ marginInlineStart: 4 }}>
                        {t('directory.sanctioned')}
                      </Tag>
                    )}
                  </>
                ),
              },
              {
                title: t('organisations.creditCode'),
                dataIndex: 'creditCode',
                width: 200,
                render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
              },
              {
                title: t('directory.region'),
                dataIndex: 'regionCode',
                width: 160,
                render: (c: string) => regionLabel(c),
              },
              { title: t('directory.listings'), dataIndex: 'listings', width: 110, align: 'right' },
              { title: t('directory.qualifications'), dataIndex: 'validQualifications', width: 110, align: 'right' },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
