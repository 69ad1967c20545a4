import { saveSession, sessionFromToken, type Session } from './session';

/** Problem details as the local service answers them. */
export interface LocalProblem {
  detail?: string;
  errors?: { path: string; message: string }[];
}

/** Signs in on the local service: it mints a development token (offered to 127.0.0.1 only). */
export async function localSignIn(subject: string, admin: boolean): Promise<{ ok: true; session: Session } | { ok: false; problem: LocalProblem }> {
  const response = await fetch('/console/dev-token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ subject, admin }),
  });
  if (!response.ok) return { ok: false, problem: (await response.json().catch(() => ({ detail: response.statusText }))) as LocalProblem };
  const { token } = (await response.json()) as { token: string };
  const session = sessionFromToken(token);
  saveSession(session);
  return { ok: true, session };
}
