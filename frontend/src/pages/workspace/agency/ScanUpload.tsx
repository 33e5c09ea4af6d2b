import { useState } from 'react';
import { Button, Flex, Typography, Upload } from 'antd';
import { CheckCircleTwoTone, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { uploadFile } from '../../../api/hooks';
import type { UploadedFile } from '../../../api/client';
import { errorMessage } from '../../../lib/errors';

/**
 * A form control holding the id of an uploaded scan. The file goes to the server as soon as
 * it is chosen; the server judges its type by content and its size while it streams, and
 * its refusal shows under the field.
 */
export function ScanUpload({
  value,
  onChange,
  fileName,
  onError,
  disabled,
}: {
  value?: number;
  onChange?: (fileId: number | undefined) => void;
  /** The name of the file already attached (when editing). */
  fileName?: string;
  onError: (message: string | undefined) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [uploaded, setUploaded] = useState<UploadedFile>();
  const [uploading, setUploading] = useState(false);
  const name = uploaded?.filename ?? (value ? fileName : undefined);

  return (
    <Flex vertical gap={4}>
      <Upload
        accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        showUploadList={false}
        maxCount={1}
        disabled={disabled || uploading}
        customRequest={({ file, onSuccess, onError: failed }) => {
          setUploading(true);
          onError(undefined);
          uploadFile(file as File)
            .then((f) => {
              setUploaded(f);
              onChange?.(f.id);
              onSuccess?.(f);
            })
            .catch((e: unknown) => {
              onChange?.(undefined);
              setUploaded(undefined);
              onError(errorMessage(t, e));
              failed?.(e as Error);
            })
            .finally(() => setUploading(false));
        }}
      >
        <Button icon={<UploadOutlined />} loading={uploading} data-testid="scan-upload">
          {name ? t('qualification.replace') : t('qualification.upload')}
        </Button>
      </Upload>
      {name && (
        <Typography.Text data-testid="scan-uploaded">
          <CheckCircleTwoTone twoToneColor="#52c41a" /> {t('qualification.uploaded', { name })}
        </Typography.Text>
      )}
    </Flex>
  );
}
