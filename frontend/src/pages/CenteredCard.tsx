import { Card, Typography } from 'antd';
import { Heading } from '../components/Heading';
import type { ReactNode } from 'react';

/** A titled card centred on the public background: sign-in, sign-up, results. */
export function CenteredCard({
  title,
  lead,
  width = 440,
  children,
}: {
  title?: ReactNode;
  lead?: ReactNode;
  width?: number;
  children: ReactNode;
}) {
  return (
    <div style={{ padding: '48px 16px 64px' }}>
      <Card style={{ maxWidth: width, margin: '0 auto', boxShadow: '0 6px 24px rgba(22,58,120,0.08)' }}>
        {title && (
          <Heading level={1} look={3} style={{ marginTop: 0 }}>
            {title}
          </Heading>
        )}
        {lead && <Typography.Paragraph type="secondary">{lead}</Typography.Paragraph>}
        {children}
      </Card>
    </div>
  );
}
