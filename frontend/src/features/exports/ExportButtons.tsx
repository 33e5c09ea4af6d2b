import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../lib/permissions';
import { useCurrentSession } from '../../pages/workspace/session';
import { download, exportUrl } from './download';

interface Props {
  /** The list's path, e.g. '/api/v1/contracts'; the exports are base + '/export.xlsx' and '.csv'. */
  base: string;
  /** The list's filters, exported the same. */
  query: Record<string, unknown>;
  /** The export operations' ids; a button shows only when the session holds its permission. */
  xlsxOperation: string;
  csvOperation: string;
  /** The file name used when the server names none. */
  name: string;
  testId?: string;
}

/** Excel and CSV buttons exporting a list under its filters; a refusal is shown as a message. */
export function ExportButtons({ base, query, xlsxOperation, csvOperation, name, testId = 'export' }: Props) {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'xlsx' | 'csv' | undefined>();
  const run = async (format: 'xlsx' | 'csv') => {
    setBusy(format);
    try {
      const refusal = await download(exportUrl(base, format, query), `${name}.${format}`);
      if (refusal) void message.error(refusal.tooLarge ? t('exports.tooLarge') : t('exports.failed', refusal));
    } catch (e) {
      void message.error(t('exports.failed', { message: String(e) }));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <>
      {can(session, xlsxOperation) && (
        <Button
          icon={<DownloadOutlined />}
          loading={busy === 'xlsx'}
          onClick={() => void run('xlsx')}
          data-testid={`${testId}-xlsx`}
        >
          {t('exports.xlsx')}
        </Button>
      )}
      {can(session, csvOperation) && (
        <Button
          icon={<DownloadOutlined />}
          loading={busy === 'csv'}
          onClick={() => void run('csv')}
          data-testid={`${testId}-csv`}
        >
          {t('exports.csv')}
        </Button>
      )}
    </>
  );
}
