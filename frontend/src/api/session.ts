import * as Session from '../lib/wailsjs/go/app/Session';
import { api, app } from '../lib/wailsjs/go/models';
import { call } from './errors';
import type {
  CalendarFeed,
  CalendarFeedToken,
  DeviceSessionList,
  LiveState,
  LoginInput,
  Me,
  PasswordChange,
  RecoveryCodes,
  SecondFactorInput,
  PasswordResetInput,
  ServerInfo,
  SessionState,
  SignInResult,
  TOTPEnrolment,
  TwoFactorStatus,
} from './types';

/** The signed-in session, kept by the desktop side (tokens never reach the UI). */
export const sessionApi = {
  /** What the desktop knows without asking the server: last server URL, e-mail and language. */
  state: (): Promise<SessionState> => call(() => Session.State()),
  /** Silent sign-in with the token from the keyring. */
  resume: (): Promise<SessionState> => call(() => Session.Resume()),
  /** The password step: signed in (me), or the next step the server asks for (step "code" or "enrol"). */
  login: (input: LoginInput): Promise<SignInResult> => call(() => Session.Login(app.LoginInput.createFrom(input))),
  /** The code step of a waiting sign-in: a TOTP code or a recovery code. */
  secondFactor: (input: SecondFactorInput): Promise<SignInResult> =>
    call(() => Session.SecondFactor(app.SecondFactorInput.createFrom(input))),
  /** The enrolment a waiting sign-in requires: the QR code and secret. */
  startEnrolment: (): Promise<TOTPEnrolment> => call(() => Session.StartEnrolment()),
  /** Confirms that enrolment with the app's first code; signed in, with the recovery codes to show once. */
  confirmEnrolment: (code: string): Promise<SignInResult> =>
    call(() => Session.ConfirmEnrolment(api.TOTPCode.createFrom({ code }))),
  /** Forgets a waiting sign-in (back to the password). */
  cancelSignIn: (): Promise<void> => call(() => Session.CancelSignIn()),
  twoFactor: (): Promise<TwoFactorStatus> => call(() => Session.TwoFactor()),
  enrolTotp: (): Promise<TOTPEnrolment> => call(() => Session.EnrolTOTP()),
  confirmTotp: (code: string): Promise<RecoveryCodes> =>
    call(() => Session.ConfirmTOTP(api.TOTPCode.createFrom({ code }))),
  disableTotp: (code: string): Promise<void> => call(() => Session.DisableTOTP(api.TOTPCode.createFrom({ code }))),
  /** Ten new recovery codes for a current code of the app (TOTP stays on); the old ones stop working. */
  renewRecoveryCodes: (code: string): Promise<RecoveryCodes> =>
    call(() => Session.RenewRecoveryCodes(api.TOTPCode.createFrom({ code }))),
  /** Saves the recovery codes as a text file where the user chooses; the path, or "" when cancelled. */
  saveRecoveryCodes: (title: string, heading: string, codes: string[]): Promise<string> =>
    call(() => Session.SaveRecoveryCodes(title, heading, codes)),
  /** The user's signed-in devices; this one is marked current. */
  devices: (): Promise<DeviceSessionList> => call(() => Session.Devices()),
  endDevice: (id: string): Promise<void> => call(() => Session.EndDevice(id)),
  endOtherDevices: (): Promise<void> => call(() => Session.EndOtherDevices()),
  /** "Passwort vergessen?": the server mails a reset link if the address has an account (the answer is the same either way). */
  requestPasswordReset: (input: PasswordResetInput): Promise<void> =>
    call(() => Session.RequestPasswordReset(app.PasswordResetInput.createFrom(input))),
  logout: (): Promise<void> => call(() => Session.Logout()),
  me: (): Promise<Me> => call(() => Session.Me()),
  changePassword: (input: PasswordChange): Promise<void> =>
    call(() => Session.ChangePassword(api.PasswordChange.createFrom(input))),
  setLanguage: (language: string): Promise<void> => call(() => Session.SetLanguage(language)),
  /** The server's version compared with this desktop's (signed in or not): too old a desktop, too old a server. */
  serverInfo: (serverUrl: string): Promise<ServerInfo> => call(() => Session.ServerInfo(serverUrl)),
  /** The company CA file trusted besides the system's certificates ("" removes it). */
  setCaFile: (path: string): Promise<void> => call(() => Session.SetCAFile(path)),
  /** Whether the user has a calendar feed (not its URL: the server keeps only the token's hash). */
  calendarFeed: (): Promise<CalendarFeed> => call(() => Session.CalendarFeed()),
  /** Makes the feed or gives it a new URL (shown this once); an earlier URL stops working. */
  renewCalendarFeed: (): Promise<CalendarFeedToken> => call(() => Session.RenewCalendarFeed()),
  /** Switches the feed off: its URL stops working. */
  disableCalendarFeed: (): Promise<void> => call(() => Session.DisableCalendarFeed()),
  /** The change stream's state now; live:status tells each change of it (onLiveStatus). */
  live: (): Promise<LiveState> => call(() => Session.Live()),
};
