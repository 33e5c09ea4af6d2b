// The contract pages of the workspace, by path; WorkspaceRoutes mounts them under their menu entries.
import { useParams } from 'react-router';
import { NotFoundPage } from '../../pages/NotFoundPage';
import { ContractPage } from './ContractPage';

export function ContractById() {
  const id = Number(useParams().id);
  return Number.isSafeInteger(id) && id > 0 ? <ContractPage key={id} id={id} /> : <NotFoundPage />;
}
