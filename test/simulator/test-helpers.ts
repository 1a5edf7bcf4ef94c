/** Small helpers for the simulator's own tests: GraphQL calls the way the SDK makes them (§2). */
import { apiKeyForRuntime, DEMO_API_KEY, type Simulator } from './index';

export const PLATFORM = 'https://g.codefresh.io/2.0/api/graphql';
export const appProxy = (host: string) => `https://${host}/app-proxy/api/graphql`;
export const PRODUCTION = appProxy('argo.acme-corp.example');
export const STAGING = appProxy('64f0acc0000000000000acme-staging.tunnels.cf-cd.com');

export interface GqlBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export const gql = async (
  sim: Simulator,
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = { Authorization: DEMO_API_KEY },
): Promise<{ status: number; body: GqlBody; response: Response }> => {
  const response = await sim.fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(variables ? { query, variables } : { query }),
  });
  const body = (await response.clone().json()) as GqlBody;
  return { status: response.status, body, response };
};

/** The headers of Alice's key in the account that owns `runtime` (each provider has its own account). */
export const keyFor = (runtime: string): Record<string, string> => ({
  Authorization: apiKeyForRuntime(runtime),
});
