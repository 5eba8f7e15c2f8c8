import type { twoFactorDe, twoFactorFieldsDe } from './twofactor.de';

/** English texts of two-factor sign-in and the signed-in devices. */
export const twoFactorEn: typeof twoFactorDe = {
  twoFactor: {
    menu: 'Two-factor & devices',
    title: 'Two-factor sign-in',
    intro:
      'With an authenticator app (e.g. Microsoft Authenticator, Google Authenticator, FreeOTP) signing in asks for a six-digit code after the password. This device stays signed in until you sign out.',
    on: 'On since {{date}}.',
    off: 'Off.',
    required: 'Your company requires two-factor sign-in for you.',
    codesLeft: '{{count}} unused recovery codes left.',
    setUp: 'Set up',
    disable: 'Switch off',
    disableHint: 'To switch it off, enter a current code of your app.',
    disabled: 'Two-factor sign-in is off.',
    enabled: 'Two-factor sign-in is on.',
    cannotDisable: 'It cannot be switched off while your company requires it.',
    enrol: {
      title: 'Connect an authenticator app',
      scan: 'Scan the QR code with your authenticator app.',
      manual: 'Or type in this key by hand:',
      qrAlt: 'QR code for the authenticator app',
      confirm: 'Confirm',
      confirmHint: 'To confirm, enter the code the app shows now.',
    },
    code: {
      label: 'Code from the authenticator app',
      placeholder: '123456',
      invalid: 'Please enter the 6 digits from your app.',
    },
    recovery: {
      label: 'Recovery code',
      placeholder: 'abcde-fghij',
      invalid: 'A recovery code has 10 characters (e.g. abcde-fghij).',
      use: 'Use a recovery code',
      useApp: 'Use a code from the app',
      title: 'Your recovery codes',
      intro:
        'Keep these codes safe (printed, say, or in a password manager). Each works once if you cannot reach your app. They are shown only now.',
      copy: 'Copy codes',
      copied: 'Copied',
      done: 'I have saved the codes',
    },
    signIn: {
      codeTitle: 'Confirm with your second factor',
      codeIntro: 'Enter the code from your authenticator app.',
      enrolTitle: 'Set up two-factor sign-in',
      enrolIntro: 'Your company requires two-factor sign-in. Set it up now to sign in.',
      submit: 'Sign in',
      back: 'Back to sign-in',
      expired: 'The sign-in expired. Please sign in again.',
    },
    admin: {
      title: 'Sign-in and security',
      on: 'Two-factor sign-in on',
      off: 'No two-factor sign-in',
      reset: 'Reset second factor',
      resetConfirm:
        "This user's authenticator app and recovery codes are removed (a lost device, say). If your company requires the second factor, the user sets it up again at the next sign-in.",
      resetDone: 'The second factor was reset.',
      signOut: 'Sign out everywhere',
      signOutConfirm: "All of this user's devices are signed out; each device's next request fails.",
      signOutDone: 'The user was signed out on all devices.',
      events: 'Log',
      noEvents: 'No entries yet.',
      action: {
        totp_enabled: 'Two-factor sign-in switched on',
        totp_disabled: 'Two-factor sign-in switched off',
        totp_reset: 'Second factor reset by an administrator',
        recovery_code_used: 'Recovery code used',
        sessions_revoked: 'Signed out everywhere by an administrator',
      },
    },
    policy: {
      label: 'Two-factor sign-in',
      description: 'Who must sign in with a second factor (an authenticator app)?',
      off: 'Optional',
      admins: 'Required for administrators',
      everyone: 'Required for everyone',
    },
  },
  devices: {
    title: 'Signed-in devices',
    intro:
      'Instead of a place the list shows the network of the last address (its last part hidden); the server has no data that maps addresses to places.',
    thisDevice: 'This device',
    unknownApp: 'Unknown app',
    version: 'Version {{version}}',
    network: 'Network {{network}}',
    lastUsed: 'Last used {{date}}',
    signedInAt: 'Signed in {{date}}',
    signOut: 'Sign out',
    signOutOthers: 'Sign out all others',
    signedOut: 'The device was signed out.',
    othersSignedOut: 'All other devices were signed out.',
    os: { windows: 'Windows', darwin: 'macOS', linux: 'Linux' },
  },
};

export const twoFactorFieldsEn: typeof twoFactorFieldsDe = {
  challenge: 'Sign-in step',
  code: 'Code',
  recoveryCode: 'Recovery code',
  twoFactorPolicy: 'Two-factor sign-in',
};
