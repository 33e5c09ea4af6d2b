import { App, Button, Empty, Flex, Spin, Typography } from 'antd';
import { DownloadOutlined, ExportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useDownloadLink, useFileLink } from '../api/hooks';
import { errorMessage } from '../lib/errors';
import { formatDateTime } from '../lib/datetime';
import { QueryError } from './QueryError';

const imageName = /\.(png|jpe?g)$/i;

/**
 * A document shown in the page from a short-lived presigned link (inline), beside the data it
 * proves. Images are shown as images; PDFs (and anything else) in a frame.
 */
export function DocumentPreview({
  fileId,
  fileName,
  contentType,
  height = 640,
}: {
  fileId: number;
  fileName: string;
  /** The type the server recognised at upload; the name's extension is only a fallback. */
  contentType?: string;
  height?: number;
}) {
  const { t } = useTranslation();
  const { data: link, error, isPending, refetch } = useFileLink(fileId, true);
  if (isPending) return <Spin style={{ display: 'block', padding: 48 }} />;
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  return (
    <Flex vertical gap={8} data-testid="document-preview">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('review.previewExpires', { time: formatDateTime(link.expiresAt) })}
        </Typography.Text>
        <Flex gap={8}>
          <Button size="small" icon={<ExportOutlined />} href={link.url} target="_blank" rel="noreferrer">
            {t('review.openInNewTab')}
          </Button>
          <DownloadButton fileId={fileId} />
        </Flex>
      </Flex>
      {(contentType ? contentType.startsWith('image/') : imageName.test(fileName)) ? (
        <img
          src={link.url}
          alt={fileName}
          data-testid="document-preview-image"
          style={{
            maxWidth: '100%',
            maxHeight: height,
            objectFit: 'contain',
            border: '1px solid #e5e8ef',
            background: '#fff',
          }}
        />
      ) : (
        <iframe
          src={link.url}
          title={fileName}
          data-testid="document-preview-frame"
          style={{ width: '100%', height, border: '1px solid #e5e8ef', background: '#fff' }}
        />
      )}
    </Flex>
  );
}

/** Fetches a download (attachment) link when clicked and follows it. */
export function DownloadButton({ fileId, label }: { fileId: number; label?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const link = useDownloadLink();
  return (
    <Button
      size="small"
      icon={<DownloadOutlined />}
      loading={link.isPending}
      data-testid={`download-${fileId}`}
      onClick={() =>
        link.mutate(fileId, {
          // The link answers with Content-Disposition: attachment, so the page stays.
          onSuccess: ({ url }) => window.location.assign(url),
          onError: (e) => void message.error(errorMessage(t, e)),
        })
      }
    >
      {label ?? t('common.download')}
    </Button>
  );
}

export function PreviewPlaceholder() {
  const { t } = useTranslation();
  return <Empty description={t('review.previewEmpty')} style={{ padding: 48 }} />;
}
