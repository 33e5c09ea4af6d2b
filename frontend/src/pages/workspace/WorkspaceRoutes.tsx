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
import { ForcedPasswordChange } from './ForcedPasswordChange';
import { WorkspaceHome } from './WorkspaceHome';
import { OrganisationListPage } from './OrganisationListPage';
import { OrganisationPage } from './OrganisationPage';
import { AccountPage } from './AccountPage';
import { ApplicationPage } from './agency/ApplicationPage';
import { NotificationsPage } from './agency/NotificationsPage';
import { ReviewQueuePage } from './review/ReviewQueuePage';
import { AgencyReviewPage } from './review/AgencyReviewPage';
import { ListingReviewPage } from './review/ListingReviewPage';
import { AgencyListPage } from './review/AgencyListPage';
import { CatalogItemsPage } from './catalog/CatalogItemsPage';
import { QualificationTypesPage } from './catalog/QualificationTypesPage';
import { ExpiringQualificationsPage } from './queues/ExpiringQualificationsPage';
import { OpportunitiesPage } from '../../features/competition/OpportunitiesPage';
import { RegistrationsPage } from '../../features/competition/RegistrationsPage';
import { WorkdaysPage } from '../../features/workdays/WorkdaysPage';
import { TrainingClockPage } from '../../features/trainingclock/TrainingClockPage';
import { ProjectsPage } from '../../features/procurement/ProjectsPage';
import { AnnouncementsPage } from '../../features/procurement/AnnouncementsPage';
import { RulesPage } from '../../features/procurement/RulesPage';
import { AnnouncementById, EditAnnouncement, NewAnnouncement, ProjectById } from '../../features/procurement/routes';
import { ContractsPage } from '../../features/contracts/ContractsPage';
import { PerformancePage } from '../../features/contracts/PerformancePage';
import { ContractById } from '../../features/contracts/routes';
import { DashboardPage } from '../../features/dashboard/DashboardPage';
import { RedFlagsPage } from '../../features/redflags/RedFlagsPage';
import { RedFlagSettingsPage } from '../../features/redflags/RedFlagSettingsPage';
import { WarningsPage } from '../../features/warnings/WarningsPage';
import { WarningRulesPage } from '../../features/warnings/WarningRulesPage';
import { ComplaintsPage } from '../../features/complaints/ComplaintsPage';
import { ComplaintById } from '../../features/complaints/ComplaintPage';

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
  if (session.user.mustChangePassword) return <ForcedPasswordChange />;

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
          <Route path="application" element={allowed('application', <ApplicationPage />)} />
          <Route path="notifications" element={allowed('notifications', <NotificationsPage />)} />
          <Route path="opportunities" element={allowed('opportunities', <OpportunitiesPage />)} />
          <Route path="registrations" element={allowed('registrations', <RegistrationsPage />)} />
          <Route path="reviews" element={allowed('reviews', <ReviewQueuePage />)} />
          <Route path="reviews/agencies/:orgId" element={allowed('reviews', <AgencyById from="reviews" />)} />
          <Route
            path="reviews/agencies/:orgId/listings/:listingId"
            element={allowed('reviews', <ListingById from="reviews" />)}
          />
          <Route path="agencies" element={allowed('agencies', <AgencyListPage />)} />
          <Route path="agencies/:orgId" element={allowed('agencies', <AgencyById from="agencies" />)} />
          <Route
            path="agencies/:orgId/listings/:listingId"
            element={allowed('agencies', <ListingById from="agencies" />)}
          />
          <Route path="catalog/items" element={allowed('catalogItems', <CatalogItemsPage />)} />
          <Route
            path="catalog/qualification-types"
            element={allowed('qualificationTypes', <QualificationTypesPage />)}
          />
          <Route path="qualifications/expiring" element={<ExpiringAllowed />} />
          <Route path="calendar" element={allowed('workdays', <WorkdaysPage />)} />
          <Route path="training-clock" element={allowed('trainingClock', <TrainingClockPage />)} />
          <Route path="projects" element={allowed('projects', <ProjectsPage />)} />
          <Route path="projects/:id" element={allowed('projects', <ProjectById />)} />
          <Route path="announcements" element={allowed('announcements', <AnnouncementsPage />)} />
          <Route path="announcements/new" element={allowed('announcements', <NewAnnouncement />)} />
          <Route path="announcements/:id" element={allowed('announcements', <AnnouncementById />)} />
          <Route path="announcements/:id/edit" element={allowed('announcements', <EditAnnouncement />)} />
          <Route path="admin/rules" element={allowed('rules', <RulesPage />)} />
          <Route path="contracts" element={allowed('contracts', <ContractsPage />)} />
          <Route path="contracts/:id" element={allowed('contracts', <ContractById />)} />
          <Route path="performance" element={allowed('performance', <PerformancePage />)} />
          <Route path="dashboard" element={allowed('dashboard', <DashboardPage />)} />
          <Route path="red-flags" element={allowed('redFlags', <RedFlagsPage />)} />
          <Route path="warnings" element={allowed('warnings', <WarningsPage />)} />
          <Route path="admin/warning-rules" element={allowed('warningRules', <WarningRulesPage />)} />
          <Route path="complaints" element={allowed('complaints', <ComplaintsPage />)} />
          <Route path="complaints/:id" element={allowed('complaints', <ComplaintById />)} />
          <Route path="admin/red-flag-settings" element={allowed('redFlagSettings', <RedFlagSettingsPage />)} />
          <Route path="account" element={<AccountPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </WorkspaceLayout>
    </SessionContext.Provider>
  );
}

const allowed = (nav: NavKey, page: ReactNode) => <Allowed nav={nav}>{page}</Allowed>;

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

/** A positive integer from the path, or undefined. */
function pathId(value: string | undefined): number | undefined {
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

function AgencyById({ from }: { from: 'reviews' | 'agencies' }) {
  const orgId = pathId(useParams().orgId);
  if (!orgId) return <NotFoundPage />;
  // A new key per agency starts the page afresh (selected scan, open dialogs).
  return <AgencyReviewPage key={orgId} orgId={orgId} from={from} />;
}

function ListingById({ from }: { from: 'reviews' | 'agencies' }) {
  const params = useParams();
  const orgId = pathId(params.orgId);
  const listingId = pathId(params.listingId);
  if (!orgId || !listingId) return <NotFoundPage />;
  return <ListingReviewPage key={listingId} orgId={orgId} listingId={listingId} from={from} />;
}

function OwnOrganisation() {
  const session = useCurrentSession();
  return <OrganisationPage orgId={session.organisation.id} />;
}

/** Expiring qualifications: regulators and the platform admin see every agency's, an agency its own. */
function ExpiringAllowed() {
  const session = useCurrentSession();
  return allowed(canOpen(session.user.role, 'agencies') ? 'agencies' : 'application', <ExpiringQualificationsPage />);
}
