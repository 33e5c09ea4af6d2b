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
