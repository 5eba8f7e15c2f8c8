/** Input rules the backend enforces; the UI checks them first so that the user learns them before sending. */
export const MIN_PASSWORD_LENGTH = 10;

/** A support request (api.SupportSubjectMax, api.SupportTextMax): an optional subject and a required text. */
export const SUPPORT_SUBJECT_MAX = 200;
export const SUPPORT_TEXT_MAX = 10000;

/** How long the links the server mails are valid (api.InvitationDays, api.PasswordResetMinutes). */
export const INVITATION_DAYS = 7;
export const PASSWORD_RESET_MINUTES = 30;
