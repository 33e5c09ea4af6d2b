// The one place that talks HTTP. Paths and bodies are typed from schema.d.ts, which
// `npm run gen:api` generates from the server's OpenAPI document (frontend/openapi.json).
import createClient from 'openapi-fetch';
import type { paths } from './schema';

// The spec's paths carry the /api/v1 prefix, so the base URL is the page's own origin.
// Same-origin cookies carry the session; the server's CrossOriginProtection accepts
// same-origin requests without a CSRF token.
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

// Domain types, taken from the operations that return them rather than from component
// schema names, so a renamed Go struct on the server does not break the UI.
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type Session = JsonOf<paths['/api/v1/auth/session']['get']['responses'][200]>;
export type SessionUser = Session['user'];
export type Organisation = JsonOf<paths['/api/v1/organisations/{orgId}']['get']['responses'][200]>;
export type User = JsonOf<paths['/api/v1/users/{userId}/enable']['post']['responses'][200]>;
export type Region = NonNullable<JsonOf<paths['/api/v1/regions']['get']['responses'][200]>['items']>[number];
export type PortalSummary = JsonOf<paths['/api/v1/portal/summary']['get']['responses'][200]>;

export type SignInBody = JsonOf<NonNullable<paths['/api/v1/auth/signin']['post']['requestBody']>>;
export type AgencySignUpBody = JsonOf<NonNullable<paths['/api/v1/agency-signups']['post']['requestBody']>>;
export type AgencySignUpResult = JsonOf<paths['/api/v1/agency-signups']['post']['responses'][201]>;
export type CreateOrganisationBody = JsonOf<NonNullable<paths['/api/v1/organisations']['post']['requestBody']>>;
export type CreateUserBody = JsonOf<NonNullable<paths['/api/v1/organisations/{orgId}/users']['post']['requestBody']>>;
export type ChangePasswordBody = JsonOf<NonNullable<paths['/api/v1/auth/password']['put']['requestBody']>>;
export type OrganisationListQuery = NonNullable<paths['/api/v1/organisations']['get']['parameters']['query']>;
export type OrganisationUpdate = JsonOf<NonNullable<paths['/api/v1/organisations/{orgId}']['put']['requestBody']>>;
export type OrganisationChange = NonNullable<
  JsonOf<paths['/api/v1/organisations/{orgId}/changes']['get']['responses'][200]>['items']
>[number];
export type PasswordReset = JsonOf<NonNullable<paths['/api/v1/users/{userId}/password']['put']['requestBody']>>;
export type RoleChange = JsonOf<NonNullable<paths['/api/v1/users/{userId}/role']['put']['requestBody']>>;

// ---- service catalogue ----

export type Category = NonNullable<
  JsonOf<paths['/api/v1/catalog/categories']['get']['responses'][200]>['items']
>[number];
export type QualificationType = NonNullable<
  JsonOf<paths['/api/v1/catalog/qualification-types']['get']['responses'][200]>['items']
>[number];
export type QualificationLevel = NonNullable<QualificationType['levels']>[number];
export type ServiceItem = JsonOf<paths['/api/v1/catalog/items/{itemId}']['get']['responses'][200]>;
export type Requirement = NonNullable<ServiceItem['requirements']>[number];
export type ItemListQuery = NonNullable<paths['/api/v1/catalog/items']['get']['parameters']['query']>;
export type ItemInput = JsonOf<NonNullable<paths['/api/v1/catalog/items']['post']['requestBody']>>;
export type NewQualificationType = JsonOf<
  NonNullable<paths['/api/v1/catalog/qualification-types']['post']['requestBody']>
>;
export type QualificationTypeUpdate = JsonOf<
  NonNullable<paths['/api/v1/catalog/qualification-types/{typeId}']['put']['requestBody']>
>;

// ---- agency applications ----
export type Application = JsonOf<paths['/api/v1/agencies/{orgId}/application']['get']['responses'][200]>;
export type Profile = Application['profile'];
export type Qualification = NonNullable<Application['qualifications']>[number];
export type Practitioner = NonNullable<Application['practitioners']>[number];
export type Listing = NonNullable<Application['listings']>[number];
export type Sanction = NonNullable<Application['sanctions']>[number];
export type ReviewEvent = NonNullable<Application['history']>[number];
export type ReviewStatus = Profile['status'];
export type ProfileInput = JsonOf<NonNullable<paths['/api/v1/agencies/{orgId}/profile']['put']['requestBody']>>;
export type QualificationInput = JsonOf<
  NonNullable<paths['/api/v1/agencies/{orgId}/qualifications']['post']['requestBody']>
>;
export type PractitionerInput = JsonOf<
  NonNullable<paths['/api/v1/agencies/{orgId}/practitioners']['post']['requestBody']>
>;
export type ListingInput = JsonOf<NonNullable<paths['/api/v1/agencies/{orgId}/listings']['post']['requestBody']>>;
export type ListingChange = JsonOf<NonNullable<paths['/api/v1/listings/{listingId}']['put']['requestBody']>>;
export type UploadedFile = JsonOf<paths['/api/v1/files']['post']['responses'][201]>;
export type FileLink = JsonOf<paths['/api/v1/files/{fileId}/link']['post']['responses'][200]>;

// ---- reviews and sanctions ----
export type QueueEntry = NonNullable<JsonOf<paths['/api/v1/reviews']['get']['responses'][200]>['items']>[number];
export type ReviewQueueQuery = NonNullable<paths['/api/v1/reviews']['get']['parameters']['query']>;
export type AgencyListQuery = NonNullable<paths['/api/v1/agencies']['get']['parameters']['query']>;
export type AgencyRow = NonNullable<JsonOf<paths['/api/v1/agencies']['get']['responses'][200]>['items']>[number];
export type SanctionStatus = NonNullable<AgencyRow['sanction']>;
export type ExpiringQualification = NonNullable<
  JsonOf<paths['/api/v1/qualifications/expiring']['get']['responses'][200]>['items']
>[number];
export type Decision = JsonOf<NonNullable<paths['/api/v1/agencies/{orgId}/decision']['post']['requestBody']>>;
export type SanctionInput = JsonOf<NonNullable<paths['/api/v1/agencies/{orgId}/sanctions']['post']['requestBody']>>;

// ---- public directory ----
export type DirectoryQuery = NonNullable<paths['/api/v1/directory/agencies']['get']['parameters']['query']>;
export type DirectoryPage = JsonOf<paths['/api/v1/directory/agencies']['get']['responses'][200]>;
export type DirectoryEntry = NonNullable<DirectoryPage['items']>[number];
export type AgencyPublicPage = JsonOf<paths['/api/v1/directory/agencies/{orgId}']['get']['responses'][200]>;
export type PublicQualification = NonNullable<AgencyPublicPage['qualifications']>[number];
export type PublicListing = NonNullable<AgencyPublicPage['listings']>[number];
export type PublicSanction = NonNullable<AgencyPublicPage['sanctions']>[number];

// ---- notifications ----
export type Notification = NonNullable<
  JsonOf<paths['/api/v1/notifications']['get']['responses'][200]>['items']
>[number];

// ---- workspace to-do board ----
export type Todo = JsonOf<paths['/api/v1/todo']['get']['responses'][200]>;
export type TodoTask = NonNullable<Todo['tasks']>[number];
