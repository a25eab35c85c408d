import { app, authentication } from '@microsoft/teams-js';

export type Theme = 'default' | 'dark' | 'contrast';

/** What the page knows about where it runs. */
export interface Host {
  readonly inTeams: boolean;
  readonly locale: string | undefined;
  readonly theme: Theme;
  /** The Entra object id Teams gives in the context (used as the identity in dev mode only). */
  readonly userId: string | undefined;
  /** A Teams SSO token for the tab API. */
  token(): Promise<string>;
  onThemeChange(handler: (theme: Theme) => void): void;
}

/** Teams answers within a few seconds; a page framed by anything else would otherwise wait a minute. */
const TEAMS_WAIT_MS = 5000;

export function toTheme(value: string | null | undefined): Theme {
  return value === 'dark' || value === 'contrast' ? value : 'default';
}

/** Initialises the Teams client SDK; resolves `inTeams: false` outside Teams. */
export async function connectToHost(): Promise<Host> {
  try {
    await withTimeout(app.initialize(), TEAMS_WAIT_MS);
    const context = await app.getContext();
    void app.notifySuccess();
    return {
      inTeams: true,
      locale: context.app.locale,
      theme: toTheme(context.app.theme),
      userId: context.user?.id,
      token: () => authentication.getAuthToken(),
      onThemeChange: (handler) => app.registerOnThemeChangeHandler((theme) => handler(toTheme(theme))),
    };
  } catch {
    return { inTeams: false, locale: undefined, theme: 'default', userId: undefined, token: () => Promise.reject(new Error('not in Teams')), onThemeChange: () => undefined };
  }
}

function withTimeout<R>(promise: Promise<R>, ms: number): Promise<R> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no Teams host')), ms))]);
}
