import * as z from 'zod';
import type { CloudAuth } from '../config/cloud-config';

const domainRef = z.union([z.looseObject({ id: z.string() }), z.looseObject({ name: z.string() })]);
const userRef = z.union([z.looseObject({ id: z.string() }), z.looseObject({ name: z.string(), domain: domainRef })]);
const projectScope = z.union([z.looseObject({ id: z.string() }), z.looseObject({ name: z.string(), domain: domainRef })]);

/** The body of `POST /v3/auth/tokens` as this client sends it (also validates keystone's samples). */
export const authRequestSchema = z.looseObject({
  auth: z.looseObject({
    identity: z.looseObject({
      methods: z.array(z.enum(['password', 'application_credential', 'token'])).min(1),
      password: z.looseObject({ user: z.intersection(userRef, z.looseObject({ password: z.string() })) }).optional(),
      application_credential: z
        .union([z.looseObject({ id: z.string(), secret: z.string() }), z.looseObject({ name: z.string(), secret: z.string(), user: userRef })])
        .optional(),
      token: z.looseObject({ id: z.string() }).optional(),
    }),
    scope: z.looseObject({ project: projectScope }).optional(),
  }),
});
export type AuthRequest = z.output<typeof authRequestSchema>;

/**
 * Builds the Keystone v3 auth request. `projectId` rescopes to another project (password and
 * token methods only: an application credential's scope is fixed).
 */
export function authRequestBody(auth: CloudAuth, projectId?: string): AuthRequest {
  const user = () =>
    auth.userId ? { id: auth.userId } : { name: auth.username!, domain: auth.userDomainId ? { id: auth.userDomainId } : { name: auth.userDomainName! } };
  const scope = () => {
    if (projectId ?? auth.projectId) return { project: { id: (projectId ?? auth.projectId)! } };
    if (auth.projectName) {
      const domain = auth.projectDomainId ? { id: auth.projectDomainId } : { name: auth.projectDomainName! };
      return { project: { name: auth.projectName, domain } };
    }
    return undefined;
  };

  switch (auth.method) {
    case 'password': {
      const s = scope();
      return {
        auth: {
          identity: { methods: ['password'], password: { user: { ...user(), password: auth.password!.reveal() } } },
          ...(s ? { scope: s } : {}),
        },
      };
    }
    case 'application_credential': {
      const secret = auth.applicationCredentialSecret!.reveal();
      const credential = auth.applicationCredentialId
        ? { id: auth.applicationCredentialId, secret }
        : { name: auth.applicationCredentialName!, secret, user: user() };
      return { auth: { identity: { methods: ['application_credential'], application_credential: credential } } };
    }
    case 'token': {
      const s = scope();
      return {
        auth: { identity: { methods: ['token'], token: { id: auth.token!.reveal() } }, ...(s ? { scope: s } : {}) },
      };
    }
  }
}
