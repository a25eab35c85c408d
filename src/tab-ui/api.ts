/** Thrown for any answer other than 2xx; `status` 0 means the server could not be reached. */
export class ApiError extends Error {
  constructor(readonly status: number) {
    super(`tab API answered ${status}`);
  }
}

/** Calls /api/tab with the caller's credentials (a Teams SSO token, or a dev identity in dev mode). */
export class TabApi {
  constructor(
    private readonly authorization: () => Promise<string>,
    private readonly lang: string,
  ) {}

  async json<R>(method: string, path: string, body?: unknown): Promise<R> {
    const response = await this.call(method, path, body);
    return (response.status === 204 ? undefined : await response.json()) as R;
  }

  async call(method: string, path: string, body?: unknown): Promise<Response> {
    const url = `/api/tab${path}${path.includes('?') ? '&' : '?'}lang=${this.lang}`;
    const headers: Record<string, string> = { authorization: await this.authorization() };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }).catch(() => undefined);
    if (!response) throw new ApiError(0);
    if (!response.ok) throw new ApiError(response.status);
    return response;
  }
}

export async function authMode(): Promise<'sso' | 'dev' | 'off'> {
  const response = await fetch('/api/tab/mode').catch(() => undefined);
  const body = response?.ok ? ((await response.json()) as { mode?: unknown }) : {};
  return body.mode === 'sso' || body.mode === 'dev' ? body.mode : 'off';
}
