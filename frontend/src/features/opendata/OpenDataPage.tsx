import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Heading } from '../../components/Heading';

const page = { maxWidth: 900, margin: '0 auto', padding: '24px 16px' } as const;
const code = { whiteSpace: 'pre-wrap', wordBreak: 'break-all' } as const;

/** The public explanation of the open-data endpoints (OCDS), with links to them. */
export function OpenDataPage() {
  const { t } = useTranslation();
  return (
    <div style={page} data-testid="open-data">
      <Heading level={1} look={3}>
        {t('opendata.title')}
      </Heading>
      <Typography.Paragraph>{t('opendata.lead')}</Typography.Paragraph>
      <Flex vertical gap={16}>
        <Card
          title={
            <Heading level={2} look={5} style={{ margin: 0 }}>
              {t('opendata.endpoints')}
            </Heading>
          }
        >
          <Heading level={3} look={5}>
            {t('opendata.releases')}
          </Heading>
          <Typography.Paragraph>
            <Typography.Text code style={code}>
              GET /api/v1/ocds/releases?limit=100&amp;since=2026-01-01T00:00:00Z
            </Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph>{t('opendata.releasesHelp')}</Typography.Paragraph>
          <Typography.Paragraph>
            {t('opendata.example')}
            <a href="/api/v1/ocds/releases?limit=20" data-testid="open-data-releases">
              /api/v1/ocds/releases?limit=20
            </a>
          </Typography.Paragraph>
          <Heading level={3} look={5}>
            {t('opendata.records')}
          </Heading>
          <Typography.Paragraph>
            <Typography.Text code style={code}>
              GET /api/v1/ocds/records/{'{ocid}'}
            </Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph>{t('opendata.recordsHelp')}</Typography.Paragraph>
          <Typography.Paragraph>
            {t('opendata.docs')} <a href="/api/v1/docs">{t('opendata.apiDocs')}</a>
          </Typography.Paragraph>
        </Card>
        <Card
          title={
            <Heading level={2} look={5} style={{ margin: 0 }}>
              {t('opendata.sealedTitle')}
            </Heading>
          }
        >
          <Typography.Paragraph>{t('opendata.sealed')}</Typography.Paragraph>
        </Card>
        <Card
          title={
            <Heading level={2} look={5} style={{ margin: 0 }}>
              {t('opendata.partiesTitle')}
            </Heading>
          }
        >
          <Typography.Paragraph>{t('opendata.parties')}</Typography.Paragraph>
          <Typography.Paragraph>{t('opendata.money')}</Typography.Paragraph>
        </Card>
      </Flex>
    </div>
  );
}
