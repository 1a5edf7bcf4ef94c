/**
 * GraphQL over HTTP, shared by the fake platform and the fake app-proxies. §2: both take
 * `POST {query, variables, operationName?}` as JSON and answer JSON.
 *
 * Status codes mirror Apollo Server 4, the most common graphql-js server: a body that is not a
 * GraphQL request, a syntax error, a validation error (unknown field, missing required argument,
 * wrong argument type) or bad variable values → HTTP 400 with `errors[]` and no `data`. Errors
 * raised while resolving → HTTP 200 with `data` and `errors[]` (§6: the SDK reads both).
 */
import {
  type DocumentNode,
  execute,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
  validate,
} from 'graphql';
import { lastFour } from './request-log';

export interface GraphQLRequestBody {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly operationName?: string;
}

export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });

const requestError = (message: string, code: string, headers: Record<string, string>): Response =>
  jsonResponse(400, { errors: [{ message, extensions: { code } }] }, headers);

/** Reads `{query, variables, operationName}`; null when the text is not such a body. */
export const parseGraphQLBody = (text: string): GraphQLRequestBody | null => {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  if (!body || typeof body !== 'object') return null;
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (typeof query !== 'string') return null;
  if (variables != null && typeof variables !== 'object') return null;
  return {
    query,
    ...(variables ? { variables: variables as Record<string, unknown> } : {}),
    ...(typeof operationName === 'string' ? { operationName } : {}),
  };
};

/**
 * The operation's name: `operationName` when sent, else the document's first named operation.
 * §2: the SDK sends no `operationName`, only `query Me { … }`, so the document is the source.
 */
export const operationNameOf = (body: GraphQLRequestBody): string | undefined => {
  if (body.operationName) return body.operationName;
  try {
    const document = parse(body.query, { noLocation: true });
    const op = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    return op?.name?.value;
  } catch {
    return undefined;
  }
};

export interface ExecuteOptions<Context> {
  readonly schema: GraphQLSchema;
  readonly rootValue: unknown;
  readonly context: Context;
  readonly headers?: Record<string, string>;
}

const SECRET_KEY = /token|secret|password/i;

/** Secret-named variable values, so error texts that quote a variable do not echo them. */
const secretValues = (value: unknown, key = '', out: string[] = []): string[] => {
  if (typeof value === 'string' && SECRET_KEY.test(key) && value.length > 4) out.push(value);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) secretValues(v, Array.isArray(value) ? key : k, out);
  }
  return out;
};

/** Executes one GraphQL request body and turns the result into an HTTP response. */
export const executeGraphQL = async <Context>(
  bodyText: string,
  o: ExecuteOptions<Context>,
): Promise<Response> => {
  const headers = o.headers ?? {};
  const body = parseGraphQLBody(bodyText);
  if (!body) {
    return requestError('POST body must be a JSON object with a "query" string', 'BAD_REQUEST', headers);
  }
  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (error) {
    const message = error instanceof GraphQLError ? error.message : 'Syntax error';
    return requestError(message, 'GRAPHQL_PARSE_FAILED', headers);
  }
  const validationErrors = validate(o.schema, document);
  if (validationErrors.length > 0) {
    return jsonResponse(
      400,
      {
        errors: validationErrors.map((e) => ({
          message: e.message,
          ...(e.locations ? { locations: e.locations } : {}),
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        })),
      },
      headers,
    );
  }
  // graphql-js quotes bad variable values in its messages; a real server would echo the token back.
  // The simulator keeps its answers as clean as its log.
  const secrets = secretValues(body.variables);
  const scrub = (message: string): string =>
    secrets.reduce((m, secret) => m.split(secret).join(lastFour(secret)), message);
  const result = await execute({
    schema: o.schema,
    document,
    rootValue: o.rootValue,
    contextValue: o.context,
    variableValues: body.variables ?? null,
    operationName: body.operationName ?? null,
  });
  if (!('data' in result) || result.data === undefined) {
    // Variable coercion or operation selection failed before execution began.
    return jsonResponse(
      400,
      {
        errors: (result.errors ?? []).map((e) => ({
          message: scrub(e.message),
          extensions: { code: 'BAD_USER_INPUT' },
        })),
      },
      headers,
    );
  }
  const errors = result.errors?.map((e) => ({
    message: scrub(e.message),
    ...(e.path ? { path: e.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR', ...(e.extensions ?? {}) },
  }));
  return jsonResponse(200, { data: result.data, ...(errors?.length ? { errors } : {}) }, headers);
};

/** A resolver error whose message reaches the client as-is (HTTP 200, `errors[]`). */
export const userError = (message: string, code = 'BAD_USER_INPUT'): GraphQLError =>
  new GraphQLError(message, { extensions: { code } });
