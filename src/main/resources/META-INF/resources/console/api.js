// The admin API client: the JWT from sessionStorage as a bearer token, JSON in and out, and
// problem+json errors turned into ApiError (whose `detail` is what the console shows).

const TOKEN_KEY = 'roster.console.jwt';

/** The admin JWT of this browser tab (sessionStorage: gone when the tab closes). */
export const session = {
  get token() {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set token(value) {
    sessionStorage.setItem(TOKEN_KEY, value);
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
  },
};

/** A refused or failed API call: the HTTP status and the problem document's fields. */
export class ApiError extends Error {
  constructor(status, problem) {
    const detail = problem?.detail || problem?.title
      || (status === 0 ? 'The server cannot be reached.' : `The server answered HTTP ${status}.`);
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.detail = detail;
    this.code = problem?.code ?? null;
    this.field = problem?.field ?? null;
  }
}

async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  const token = session.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  const init = { method, headers, cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, null);
  }
  const type = response.headers.get('Content-Type') ?? '';
  const data = response.status !== 204 && type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const error = new ApiError(response.status, data);
    if (response.status === 401) {
      window.dispatchEvent(new CustomEvent('roster:unauthorized', { detail: error }));
    }
    throw error;
  }
  return data;
}

/** One method per HTTP verb; paths are absolute (`/api/v1/…`). */
export const api = {
  get: (path) => request('GET', path),
  post: (path, body) => request('POST', path, body),
  put: (path, body) => request('PUT', path, body),
  patch: (path, body) => request('PATCH', path, body),
  del: (path) => request('DELETE', path),
};

/** Query parameters, leaving out empty values. */
function queryParams(values) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  return params;
}

/** Every item of a cursor-paged list (`{items, nextCursor}`), 500 per request. */
export async function listAll(path, query = {}) {
  const items = [];
  let cursor = null;
  for (let pages = 0; pages < 200; pages += 1) {
    const params = queryParams({ ...query, limit: '500' });
    if (cursor) params.set('cursor', cursor);
    const page = await api.get(`${path}?${params}`);
    items.push(...(page?.items ?? []));
    cursor = page?.nextCursor;
    if (!cursor) break;
  }
  return items;
}

/** One page of a cursor-paged list. */
export function listPage(path, { cursor = null, limit = 50, ...query } = {}) {
  const params = queryParams({ ...query, limit: String(limit) });
  if (cursor) params.set('cursor', cursor);
  return api.get(`${path}?${params}`);
}

/**
 * GET of an endpoint that may not exist on this server version: {available:false} on 404,
 * {available:true, data} on success, {available:true, error} on any other refusal.
 */
export async function probe(path) {
  try {
    return { available: true, data: await api.get(path) };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { available: false };
    return { available: true, error };
  }
}

/** encodeURIComponent, for ids placed in paths. */
export const enc = (value) => encodeURIComponent(String(value));
