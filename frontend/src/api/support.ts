import * as Admin from '../lib/wailsjs/go/app/Admin';
import * as Session from '../lib/wailsjs/go/app/Session';
import { api, app } from '../lib/wailsjs/go/models';
import { call } from './errors';
import type { Data } from './types';

/** The languages the server writes mail in (api.AllLanguages). */
export { LANGUAGES as MAIL_LANGUAGES } from '../lib/vocabulary';

export type SupportInfo = Data<app.SupportInfo>;
export type SupportForm = Data<app.SupportForm>;
export type SupportReceipt = Data<api.SupportReceipt>;
export type TenantSettings = Data<api.TenantSettings>;
export type TenantSettingsInput = Data<api.TenantSettingsInput>;

/** Help & support, and the company's settings it depends on (the support address). */
export const supportApi = {
  /** App and server versions, the server's address and the company's support address. */
  info: (): Promise<SupportInfo> => call(() => Session.SupportInfo()),
  /** Mails a support request to the company's support address (diagnostics only when attachDiagnostics). */
  send: (form: SupportForm): Promise<SupportReceipt> =>
    call(() => Session.SendSupportRequest(app.SupportForm.createFrom(form))),
  /** The company's settings (admins). */
  tenantSettings: (): Promise<TenantSettings> => call(() => Admin.TenantSettings()),
  setTenantSettings: (input: TenantSettingsInput): Promise<TenantSettings> =>
    call(() => Admin.SetTenantSettings(api.TenantSettingsInput.createFrom(input))),
};
