import { useState } from 'react';
import { Alert, Card, Descriptions, Flex, List, Spin, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Heading } from '../../components/Heading';
import { QueryError } from '../../components/QueryError';
import { usePageTitle } from '../../lib/usePageTitle';
import { formatDateTime } from '../../lib/datetime';
import { sha256Hex, useAuthenticity, useCertificate, type Authenticity } from './api';

const page = { maxWidth: 900, margin: '0 auto', padding: '24px 16px' } as const;

/** The public authenticity check (验真): a dropped file is hashed in the browser and looked up. */
export function VerifyPage() {
  const { t } = useTranslation();
  const [sha, setSha] = useState<string>();
  const [hashing, setHashing] = useState(false);
  const result = useAuthenticity(sha);
  return (
    <div style={page}>
      <Heading level={1} look={3}>
        {t('verify.title')}
      </Heading>
      <Typography.Paragraph>{t('verify.lead')}</Typography.Paragraph>
      <div data-testid="verify-drop">
        <Upload.Dragger
          multiple={false}
          showUploadList={false}
          beforeUpload={(file) => {
            setHashing(true);
            setSha(undefined);
            void sha256Hex(file)
              .then(setSha)
              .finally(() => setHashing(false));
            return false; // never uploaded
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('verify.drop')}</p>
        </Upload.Dragger>
      </div>
      <div style={{ marginTop: 16 }}>
        {hashing && <Spin tip={t('verify.hashing')} />}
        {sha && (
          <Typography.Paragraph>
            <code style={{ wordBreak: 'break-all' }} data-testid="verify-sha">
              {t('verify.sha256', { sha })}
            </code>
          </Typography.Paragraph>
        )}
        {result.error && <QueryError error={result.error} />}
        {result.data && <AuthenticityResult result={result.data} />}
      </div>
    </div>
  );
}

function AuthenticityResult({ result }: { result: Authenticity }) {
  const { t } = useTranslation();
  if (!result.accepted) {
    return <Alert type="warning" showIcon message={t('verify.notAccepted')} data-testid="verify-not-accepted" />;
  }
  return (
    <Alert
      type="success"
      showIcon
      data-testid="verify-accepted"
      message={t('verify.accepted')}
      description={
        <Flex vertical gap={8}>
          {(result.contracts ?? []).map((c) => (
            <div key={c.code}>
              <Typography.Text strong style={{ wordBreak: 'break-all' }}>
                {t('verify.contract', { code: c.code, title: c.title })}
              </Typography.Text>
              <div>{t('verify.parties', { owner: c.owner, agency: c.agency })}</div>
              <div>{t('verify.acceptedAt', { date: formatDateTime(c.acceptedAt) })}</div>
            </div>
          ))}
        </Flex>
      }
    />
  );
}

/** The page an acceptance certificate's QR code opens. */
export function CertificatePage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const q = useCertificate(code);
  usePageTitle(t('verify.certificateTitle', { code }));
  return (
    <div style={page}>
      <Heading level={1} look={3}>
        {t('verify.certificateTitle', { code })}
      </Heading>
      {q.error && <QueryError error={q.error} />}
      {q.data && (
        <Card data-testid="certificate-page">
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('verify.title')}>
              {t('verify.contract', { code: q.data.contract.code, title: q.data.contract.title })}
            </Descriptions.Item>
          </Descriptions>
          <div>{t('verify.parties', { owner: q.data.contract.owner, agency: q.data.contract.agency })}</div>
          <div>{t('verify.issuedAt', { date: formatDateTime(q.data.issuedAt) })}</div>
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
            {t('verify.files')}
          </Typography.Title>
          <List
            size="small"
            dataSource={q.data.files ?? []}
            renderItem={(f) => (
              <List.Item>
                <List.Item.Meta
                  title={<span style={{ wordBreak: 'break-all' }}>{f.filename}</span>}
                  description={<code style={{ wordBreak: 'break-all', fontSize: 12 }}>{f.sha256}</code>}
                />
              </List.Item>
            )}
          />
        </Card>
      )}
    </div>
  );
}
