// What the wizard's qualification and listing steps share: a table of rows under an add
// button, edited in a modal, with the reviewer's reason beside a returned row.
import { useState, type ReactNode } from 'react';
import { Button, Flex, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** Which row the step's modal edits (none: a new one), and whether the modal is open. */
export function useRowEditor<T>() {
  const [editing, setEditing] = useState<T>();
  const [open, setOpen] = useState(false);
  return {
    editing,
    open,
    edit: (row?: T) => {
      setEditing(row);
      setOpen(true);
    },
    close: () => setOpen(false),
  };
}

/** The step's add button, above its table. */
export function AddBar({ onAdd, testId, children }: { onAdd: () => void; testId: string; children: ReactNode }) {
  return (
    <Flex justify="flex-end" style={{ marginBottom: 12 }}>
      <Button type="primary" icon={<PlusOutlined />} onClick={onAdd} data-testid={testId}>
        {children}
      </Button>
    </Flex>
  );
}

/** A row's status tags, and the reviewer's reason if they returned it. */
export function StatusWithReason({ tags, reason }: { tags: ReactNode; reason?: string }) {
  const { t } = useTranslation();
  return (
    <>
      {tags}
      {reason && (
        <Typography.Paragraph type="danger" style={{ margin: '4px 0 0' }}>
          {t('application.rejectionReason', { reason })}
        </Typography.Paragraph>
      )}
    </>
  );
}
