import { Button, Card, Col, DatePicker, Flex, Form, Input, List, Row, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CategorySelect, ServiceItemSelect } from '../../components/catalog';
import { Heading } from '../../components/Heading';
import { QueryError } from '../../components/QueryError';
import { RegionSelect, useRegionLabel } from '../../components/regions';
import { useLocalName } from '../../components/agency';
import { formatDateTime } from '../../lib/datetime';
import styles from '../../pages/portal/HomePage.module.css';
import { useNotices, type Method, type NoticeQuery } from './api';
import { Money, StatusTag, useMethodLabel } from './labels';

const methods: Method[] = ['direct', 'random', 'lowest', 'comprehensive'];
const publicStatuses = ['open', 'closed', 'failed', 'in_publicity', 'awarded', 'cancelled'] as const;

/**
 * 采购公告: every published announcement, newest first, filtered and searched; "more" reads the
 * next page after the last one shown (keyset paging), so the list stays fast however far one reads.
 */
export function NoticesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? '';
  const itemId = Number(get('itemId')) || undefined;
  const query = {
    q: get('q'),
    itemId,
    category: get('category'),
    region: get('region'),
    method: get('method'),
    status: get('status'),
    from: get('from'),
    to: get('to'),
  } as Omit<NoticeQuery, 'cursor'>;
  const { data, error, isFetching, hasNextPage, fetchNextPage, isFetchingNextPage, refetch } = useNotices(query);
  const method = useMethodLabel();
  const region = useRegionLabel();
  const name = useLocalName();
  const update = (changes: Record<string, string | number | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === undefined || v === '') next.delete(k);
          else next.set(k, String(v));
        }
        return next;
      },
      { replace: true },
    );
  const notices = data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className={styles.container} style={{ paddingBlock: 32 }}>
      <Heading level={1} look={2} style={{ marginTop: 0 }}>
        {t('procurement.notices.title')}
      </Heading>
      <Typography.Paragraph type="secondary">{t('procurement.notices.intro')}</Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <Form layout="vertical" data-testid="notice-filters">
          <Row gutter={16}>
            <Col xs={24} md={12} lg={8}>
              <Form.Item label={t('procurement.notices.search')} htmlFor="notice-q">
                <Input.Search
                  key={query.q}
                  defaultValue={query.q}
                  allowClear
                  enterButton={t('directory.search')}
                  onSearch={(v) => update({ q: v.trim() })}
                  id="notice-q"
                  data-testid="notice-search"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={8}>
              <Form.Item label={t('procurement.notices.item')} htmlFor="notice-item">
                <ServiceItemSelect
                  allowClear
                  value={itemId}
                  placeholder={t('directory.anyItem')}
                  onChange={(v) => update({ itemId: v })}
                  id="notice-item"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} lg={4}>
              <Form.Item label={t('procurement.notices.category')} htmlFor="notice-category">
                <CategorySelect
                  allLabel={t('catalog.allCategories')}
                  value={query.category}
                  onChange={(v) => update({ category: v })}
                  id="notice-category"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} lg={4}>
              <Form.Item label={t('procurement.notices.region')} htmlFor="notice-region">
                <RegionSelect
                  allowClear
                  value={query.region || undefined}
                  placeholder={t('directory.anyRegion')}
                  onChange={(v) => update({ region: v })}
                  id="notice-region"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} lg={4}>
              <Form.Item label={t('procurement.notices.method')} htmlFor="notice-method">
                <Select
                  allowClear
                  value={query.method || undefined}
                  onChange={(v) => update({ method: v })}
                  id="notice-method"
                  options={methods.map((m) => ({ value: m, label: method(m) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} lg={4}>
              <Form.Item label={t('procurement.notices.status')} htmlFor="notice-status">
                <Select
                  allowClear
                  value={query.status || undefined}
                  onChange={(v) => update({ status: v })}
                  id="notice-status"
                  data-testid="notice-status"
                  options={publicStatuses.map((s) => ({ value: s, label: t(`procurement.statuses.${s}`) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={8}>
              <Form.Item label={`${t('procurement.notices.from')} – ${t('procurement.notices.to')}`}>
                <DatePicker.RangePicker
                  style={{ width: '100%' }}
                  value={[query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]}
                  onChange={(range) =>
                    update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
                  }
                  aria-label={t('procurement.notices.from')}
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <Card>
          <List
            loading={isFetching && !isFetchingNextPage}
            dataSource={notices}
            locale={{ emptyText: t('procurement.notices.empty') }}
            data-testid="notices"
            renderItem={(n) => (
              <List.Item key={n.code} data-testid="notice-row">
                <Flex vertical gap={4} style={{ minWidth: 0, width: '100%' }}>
                  <Link to={`/notices/${encodeURIComponent(n.code)}`} style={{ fontSize: 16, wordBreak: 'break-word' }}>
                    {n.title}
                  </Link>
                  <Space wrap size={[12, 4]}>
                    <StatusTag status={n.status} />
                    <Typography.Text type="secondary">{n.code}</Typography.Text>
                    <Typography.Text type="secondary">
                      {name({ nameZh: n.itemNameZh, nameEn: n.itemNameEn })}
                    </Typography.Text>
                    <Typography.Text type="secondary">{region(n.regionCode)}</Typography.Text>
                    <Typography.Text type="secondary">{method(n.method)}</Typography.Text>
                    <Money fen={n.ceilingFen} />
                  </Space>
                  <Space wrap size={[12, 4]}>
                    <Typography.Text type="secondary">{n.ownerName}</Typography.Text>
                    <Typography.Text type="secondary">
                      {t('procurement.announcements.publishedAt')} {formatDateTime(n.publishedAt)}
                    </Typography.Text>
                    <Typography.Text type="secondary">
                      {t('procurement.announcements.deadline')} {formatDateTime(n.registrationDeadline)}
                    </Typography.Text>
                    <Typography.Text>
                      {t('procurement.notices.registrants', { count: n.registrantCount })}
                    </Typography.Text>
                  </Space>
                </Flex>
              </List.Item>
            )}
          />
          <Flex justify="center" style={{ marginTop: 16 }}>
            {hasNextPage ? (
              <Button onClick={() => void fetchNextPage()} loading={isFetchingNextPage} data-testid="notices-more">
                {t('procurement.notices.more')}
              </Button>
            ) : (
              notices.length > 0 && <Typography.Text type="secondary">{t('procurement.notices.end')}</Typography.Text>
            )}
          </Flex>
        </Card>
      )}
    </div>
  );
}
