import * as Admin from '../lib/wailsjs/go/app/Admin';
import * as Session from '../lib/wailsjs/go/app/Session';
import { api, app } from '../lib/wailsjs/go/models';
import { call } from './errors';
import type { Data, Me } from './types';

export type SSOSettings = Data<api.SSOSettings>;
export type SSOSettingsInput = Data<api.SSOSettingsInput>;
export type SSOLoginInput = Data<app.SSOLoginInput>;

/** Single sign-on through the company's identity provider (OpenID Connect). */
export const ssoApi = {
  /**
   * Signs in through the provider of the address's domain: the desktop opens the system browser and waits (up to
   * five minutes) for the provider to send it back; cancel() stops the wait.
   */
  login: (input: SSOLoginInput): Promise<Me> => call(() => Session.LoginSSO(app.SSOLoginInput.createFrom(input))),
  cancel: (): Promise<void> => call(() => Session.CancelSSO()),
  /** The company's single sign-on (admins); the client secret never comes back, only whether one is set. */
  settings: (): Promise<SSOSettings> => call(() => Admin.SSOSettings()),
  /** clientSecret undefined keeps the stored secret, '' removes it. */
  setSettings: (input: SSOSettingsInput): Promise<SSOSettings> =>
    call(() => Admin.SetSSOSettings(api.SSOSettingsInput.createFrom(input))),
};
