import type { ErrorCode, Session, User } from '@corazy/contracts';

/** Codes the client itself produces when no `{error}` body came back. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE';

/** An `{error:{code,message,details}}` answer, or a failure to get any answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A session as kept by the client: the access token's expiry as a time, not a duration. */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** ms since the epoch. */
  expiresAt: number;
  user: User;
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const SESSION_KEY = 'corazy.session';

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  /** localStorage in the browser; the session survives reloads there. Absent: memory only. */
  storage?: KeyValueStorage | undefined;
  /** Serialises refreshes across tabs (navigator.locks in the browser). */
  lock?: <T>(name: string, task: () => Promise<T>) => Promise<T>;
  now?: () => number;
}

type Listener = (session: StoredSession | null) => void;

export interface RequestOptions {
  body?: unknown;
  /** Send the access token, and refresh it once on a 401. Default true. */
  auth?: boolean;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/**
 * The API client: tokens in memory and in storage, one refresh for any number of concurrent 401s
 * (single flight, also across tabs through `lock` and the stored session), then each request retried
 * once; a failed refresh signs out.
 */
export class ApiClient {
  private current: StoredSession | null = null;
  private refreshing: Promise<StoredSession | null> | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly storage: KeyValueStorage | undefined;
  private readonly lock: <T>(name: string, task: () => Promise<T>) => Promise<T>;
  private readonly now: () => number;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? '';
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.storage = options.storage;
    this.lock = options.lock ?? ((_name, task) => task());
    this.now = options.now ?? Date.now;
    this.current = this.readStored();
  }

  get session(): StoredSession | null {
    return this.current;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Adopts a session from the server (sign-in), or clears it (null). */
  setSession(session: Session | null): void {
    this.store(
      session && {
        accessToken: session.accessToken,
        refreshToken: session.refreshToken,
        expiresAt: this.now() + session.expiresIn * 1000,
        user: session.user,
      },
    );
  }

  updateUser(user: User): void {
    if (this.current) this.store({ ...this.current, user });
  }

  /** Another tab changed the stored session. */
  syncFromStorage(): void {
    const stored = this.readStored();
    if (stored?.refreshToken !== this.current?.refreshToken) {
      this.current = stored;
      for (const listener of this.listeners) listener(stored);
    }
  }

  async signOut(): Promise<void> {
    const session = this.current;
    this.store(null);
    if (session) {
      await this.raw('POST', '/api/auth/logout', { refreshToken: session.refreshToken }).catch(
        () => undefined,
      );
    }
  }

  /**
   * Makes the signed-in guest an account (same id, nickname and history). The answer's session, which
   * carries the new role, replaces the guest's sign-in, which is then ended.
   */
  async upgradeGuest(email: string, password: string): Promise<User> {
    const previous = this.current;
    const session = await this.post<Session>('/api/auth/upgrade', { email, password });
    this.setSession(session);
    if (previous) {
      await this.raw('POST', '/api/auth/logout', { refreshToken: previous.refreshToken }).catch(
        () => undefined,
      );
    }
    return session.user;
  }

  /** An access token valid for at least `marginMs` more, refreshing first if needed (WebSocket URLs). */
  async freshAccessToken(marginMs = 30_000): Promise<string | null> {
    const session = this.current;
    if (!session) return null;
    if (session.expiresAt - this.now() > marginMs) return session.accessToken;
    return (await this.refresh(session.accessToken))?.accessToken ?? null;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(method, path, options);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(response.status, 'BAD_RESPONSE', `not JSON: ${text.slice(0, 200)}`);
    }
  }

  get<T>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options);
  }

  post<T>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('POST', path, { ...options, body });
  }

  /** A successful response with its body unread (streams); errors are thrown like `request`'s. */
  async send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const auth = options.auth ?? true;
    const token = auth ? this.current?.accessToken : undefined;
    let response = await this.raw(method, path, options.body, token, options);
    if (response.status === 401 && auth && token) {
      const refreshed = await this.refresh(token);
      if (!refreshed) throw await errorOf(response);
      response = await this.raw(method, path, options.body, refreshed.accessToken, options);
    }
    if (!response.ok) throw await errorOf(response);
    return response;
  }

  /**
   * One refresh for every caller that saw `failedToken` rejected. A caller whose token was already
   * replaced gets the new session without another refresh.
   */
  refresh(failedToken: string): Promise<StoredSession | null> {
    if (this.current && this.current.accessToken !== failedToken) return Promise.resolve(this.current);
    if (!this.refreshing) {
      this.refreshing = this.lock('corazy-refresh', () => this.doRefresh(failedToken)).finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  private async doRefresh(failedToken: string): Promise<StoredSession | null> {
    // Another tab may have refreshed while this one waited for the lock: its tokens are stored.
    const stored = this.readStored();
    if (stored && stored.accessToken !== failedToken) {
      this.current = stored;
      for (const listener of this.listeners) listener(stored);
      return stored;
    }
    const session = this.current;
    if (!session) return null;
    try {
      const response = await this.raw('POST', '/api/auth/refresh', { refreshToken: session.refreshToken });
      if (!response.ok) {
        const error = await errorOf(response);
        // Only a refused token ends the sign-in; an outage keeps it for the next try.
        if (response.status === 401 || response.status === 400) this.store(null);
        else throw error;
        return null;
      }
      this.setSession((await response.json()) as Session);
      return this.current;
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError(0, 'NETWORK_ERROR', String(error));
    }
  }

  private async raw(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
    options: RequestOptions = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    try {
      return await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new ApiError(0, 'NETWORK_ERROR', error instanceof Error ? error.message : String(error));
    }
  }

  private readStored(): StoredSession | null {
    const text = this.storage?.getItem(SESSION_KEY);
    if (!text) return null;
    try {
      const value = JSON.parse(text) as StoredSession;
      return typeof value.accessToken === 'string' && typeof value.refreshToken === 'string' && value.user
        ? value
        : null;
    } catch {
      return null;
    }
  }

  private store(session: StoredSession | null): void {
    this.current = session;
    if (session) this.storage?.setItem(SESSION_KEY, JSON.stringify(session));
    else this.storage?.removeItem(SESSION_KEY);
    for (const listener of this.listeners) listener(session);
  }
}

/** The `{error}` body of a failed response, or a description of what came instead. */
export async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body.error?.code) {
      return new ApiError(
        response.status,
        body.error.code as ErrorCode,
        body.error.message ?? body.error.code,
        body.error.details,
      );
    }
  } catch {
    // not JSON: described below
  }
  return new ApiError(
    response.status,
    'BAD_RESPONSE',
    `HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`,
  );
}
