// The procurement pages of the workspace, by path; WorkspaceRoutes mounts them under their menu
// entries.
import { useParams, useSearchParams } from 'react-router';
import { NotFoundPage } from '../../pages/NotFoundPage';
import { AnnouncementPage } from './AnnouncementPage';
import { AnnouncementWizard } from './AnnouncementWizard';
import { ProjectPage } from './ProjectPage';

function pathId(value: string | undefined): number | undefined {
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

export function ProjectById() {
  const id = pathId(useParams().id);
  return id ? <ProjectPage key={id} id={id} /> : <NotFoundPage />;
}

export function AnnouncementById() {
  const id = pathId(useParams().id);
  return id ? <AnnouncementPage key={id} id={id} /> : <NotFoundPage />;
}

export function EditAnnouncement() {
  const id = pathId(useParams().id);
  return id ? <AnnouncementWizard key={id} id={id} /> : <NotFoundPage />;
}

export function NewAnnouncement() {
  const [params] = useSearchParams();
  const service = pathId(params.get('service') ?? undefined);
  return <AnnouncementWizard key={service ?? 0} serviceId={service} />;
}
