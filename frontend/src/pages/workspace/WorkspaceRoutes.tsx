import type { ReactNode } from 'react';
import { Result, Spin } from 'antd';
import { Navigate, Route, Routes, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/hooks';
import { canOpen, type NavKey } from '../../nav';
import { QueryError } from '../../components/QueryError';
import { NotFoundPage } from '../NotFoundPage';
import { SessionContext, useCurrentSession } from './session';
import { WorkspaceLayout } from './WorkspaceLayout';
import { WorkspaceHome } from './WorkspaceHome';
import { OrganisationListPage } from './OrganisationListPage';
import { OrganisationPage } from './OrganisationPage';
import { AccountPage } from './AccountPage';

/** Everything under /workspace: signed-in users only, pages by role (see nav.ts). */
export default function WorkspaceRoutes() {
  const location = useLocation();
  const { data: session, isPending, error, refetch } = useSession();

  if (isPending) return <Spin fullscreen />;
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (!session) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/signin?next=${next}`} replace />;
  }

  return (
    <SessionContext.Provider value={session}>
      <WorkspaceLayout>
        <Routes>
          <Route index element={<WorkspaceHome />} />
          <Route
            path="organisations"
            element={
              <Allowed nav="organisations">
                <OrganisationListPage />
              </Allowed>
            }
          />
          <Route
            path="organisations/:orgId"
            element={
              <Allowed nav="organisations">
                <OrganisationById />
              </Allowed>
            }
          />
          <Route path="organisation" element={<OwnOrganisation />} />
          <Route path="account" element={<AccountPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </WorkspaceLayout>
    </SessionContext.Provider>
  );
}

/** A page that is not on the role's menu is not offered; the server would refuse it anyway. */
function Allowed({ nav, children }: { nav: NavKey; children: ReactNode }) {
  const { t } = useTranslation();
  const session = useCurrentSession();
  if (!canOpen(session.user.role, nav)) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
  return children;
}

function OrganisationById() {
  const { orgId } = useParams();
  const id = Number(orgId);
  if (!Number.isSafeInteger(id) || id <= 0) return <NotFoundPage />;
  return <OrganisationPage orgId={id} showBack />;
}

function OwnOrganisation() {
  const session = useCurrentSession();
  return <OrganisationPage orgId={session.organisation.id} />;
}
