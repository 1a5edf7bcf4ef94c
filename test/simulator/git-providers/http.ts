/** Small response and auth helpers shared by the fake Git hosts. */

export type HeaderMap = Record<string, string>;

export const json = (status: number, body: unknown, headers: HeaderMap = {}): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });

/** HEAD gets the same status and headers as GET, without a body. */
export const forMethod = (request: Request, response: Response): Response =>
  request.method === 'HEAD'
    ? new Response(null, { status: response.status, headers: response.headers })
    : response;

export const preflight = (): Response =>
  new Response(null, {
    status: 204,
    headers: {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
      'Access-Control-Allow-Headers':
        'Authorization, Accept, Content-Type, PRIVATE-TOKEN, X-GitHub-Api-Version',
      'Access-Control-Max-Age': '86400',
    },
  });

export type Credentials =
  | { readonly scheme: 'none' }
  | { readonly scheme: 'token' | 'bearer'; readonly token: string }
  | { readonly scheme: 'basic'; readonly user: string; readonly token: string };

/** Parses `Authorization: token|Bearer|Basic …` (scheme case-insensitive, as servers do). */
export const readAuthorization = (request: Request): Credentials => {
  const value = request.headers.get('authorization');
  if (!value) return { scheme: 'none' };
  const match = /^(\w+)\s+(\S+)$/.exec(value.trim());
  if (!match) return { scheme: 'none' };
  const scheme = match[1]!.toLowerCase();
  const rest = match[2]!;
  if (scheme === 'token') return { scheme: 'token', token: rest };
  if (scheme === 'bearer') return { scheme: 'bearer', token: rest };
  if (scheme === 'basic') {
    const decoded = Buffer.from(rest, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { scheme: 'none' };
    return { scheme: 'basic', user: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
  }
  return { scheme: 'none' };
};

export const epochSeconds = (ms: number): number => Math.floor(ms / 1000);

const pad = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DD HH:MM:SS UTC` or `… +0900` (docs/git-provider-contracts.md §2.2, GH1/GH2). */
export const githubExpiry = (iso: string, format: 'utc' | '+0900'): string => {
  const offsetMs = format === '+0900' ? 9 * 3_600_000 : 0;
  const d = new Date(Date.parse(iso) + offsetMs);
  const text = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${text} ${format === '+0900' ? '+0900' : 'UTC'}`;
};
