import type { supportDe, supportErrorsDe, supportFieldsDe } from './support.de';

/** English texts of Help & support and the company settings. */
export const supportEn: typeof supportDe = {
  support: {
    nav: 'Help & support',
    title: 'Help & support',
    about: {
      title: 'About this installation',
      appVersion: 'App version',
      os: 'Operating system',
      server: 'Server',
      serverVersion: 'Server version',
    },
    contact: {
      title: 'Contact support',
      address: 'Your company’s support address',
      copy: 'Copy address',
      copied: 'Copied',
      none: 'Your company has not set a support address yet. An administrator can enter it under Settings → Company.',
    },
    errors: {
      title: 'Recent error numbers',
      empty: 'No error has occurred in this session.',
      hint: 'Tell support these numbers so that they can find the error in the server log.',
      number: 'Error number',
      code: 'Error',
      at: 'Time',
    },
    form: {
      title: 'Send a support request',
      intro: 'Your request is e-mailed to {{address}}. Answers come to your own e-mail address.',
      subject: 'Subject (optional)',
      text: 'Your message',
      textPlaceholder: 'What did you want to do, and what happened?',
      textRequired: 'Please describe your request.',
      textTooLong: 'Please shorten the text to at most {{max}} characters.',
      subjectTooLong: 'Please shorten the subject to at most {{max}} characters.',
      count: '{{count}} / {{max}} characters',
      attach: 'Attach diagnostics',
      attachHint: 'Only these facts are attached, no customer data:',
      attachNoErrors: 'none',
      submit: 'Send request',
      sent: 'Your request was handed to support. You will get the answer by e-mail.',
    },
  },
  company: {
    nav: 'Company',
    title: 'Company',
    intro: 'Settings that apply to every user of your company.',
    language: 'Language of e-mails',
    languageHint: 'The server writes e-mails on your company’s behalf in this language, e.g. support requests.',
    supportEmail: 'Support address',
    supportEmailHint: 'Support requests from “Help & support” go to this address. Leave it empty: no requests.',
    supportEmailInvalid: 'Please enter a valid e-mail address, e.g. support@company.com.',
    saved: 'The settings were saved.',
  },
};

export const supportErrorsEn: typeof supportErrorsDe = {
  support: {
    no_address: 'Your company has no support address. Please contact your administrator (Settings → Company).',
  },
};

export const supportFieldsEn: typeof supportFieldsDe = {
  diagnostics: {
    _: 'Diagnostics',
    appVersion: 'App version',
    errorIds: 'Error numbers',
    os: 'Operating system',
    serverUrl: 'Server',
  },
  subject: 'Subject',
  supportEmail: 'Support address',
  text: 'Message',
};
