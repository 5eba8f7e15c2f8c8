/** Input rules the backend enforces; the UI checks them first so that the user learns them before sending. */
export const MIN_PASSWORD_LENGTH = 10;
