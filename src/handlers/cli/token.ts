import { scopes } from '../../domain/caller';
import { intFlag, parseFlags } from './parse';
import { UsageError } from './usage-error';

/** Mints a development token the local service accepts (the wiring knows its key). */
export type MintToken = (claims: { sub: string; scopes: string[]; expiresInSeconds: number }) => Promise<string>;

export const tokenHelp = `Usage: openstack-reports token [--sub NAME] [--scope "reports:read reports:write"] [--expires-in SECONDS]

Mints a development token that the local service (npm start) accepts. Signed with the key in
DATA_DIR/dev-jwt-secret; never valid on AWS, where the HTTP API's JWT authorizer checks tokens.

Options:
  --sub NAME            the owner of the reports and schedules (default: local-user)
  --scope "S1 S2"       space-separated scopes from: ${scopes.join(', ')}
                        (default: every scope but admin)
  --expires-in SECONDS  lifetime (default: 2592000, 30 days)
  -h, --help            this help`;

export async function tokenCommand(args: string[], mint: MintToken): Promise<number> {
  const { values } = parseFlags(args, { sub: { type: 'string' }, scope: { type: 'string' }, 'expires-in': { type: 'string' } });
  if (values.help) {
    console.log(tokenHelp);
    return 0;
  }
  const requested = (values.scope ?? scopes.filter((s) => s !== 'admin').join(' ')).split(/\s+/).filter(Boolean);
  const unknown = requested.filter((s) => !(scopes as readonly string[]).includes(s));
  if (unknown.length) throw new UsageError(`--scope: unknown scope ${unknown.map((s) => `"${s}"`).join(', ')}; scopes are ${scopes.join(', ')}`);
  const token = await mint({
    sub: values.sub ?? 'local-user',
    scopes: requested,
    expiresInSeconds: intFlag('expires-in', values['expires-in'], 30 * 86_400, 60, 365 * 86_400),
  });
  console.log(token);
  return 0;
}
