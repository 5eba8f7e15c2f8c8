import type { opsDe, opsErrorsDe, opsFieldsDe } from './ops.de';

/** English texts of server versions, certificates and the company CA (assembled in index.ts). */
export const opsEn: typeof opsDe = {
  version: {
    tooOldTitle: 'Please update 1sales',
    tooOld:
      'This version of the 1sales app ({{desktop}}) is too old for your server. It needs at least version {{min}}.',
    download: 'Download the current version',
    noDownload: 'Please ask your IT department for the current version.',
    serverOutdatedTitle: 'The server is older than this app',
    serverOutdated:
      'Your server (version {{server}}) does not know all features of this app (version {{desktop}}) yet. Some features may fail until the server is updated.',
  },
  caFile: {
    label: "Your company's certificate (optional)",
    description:
      "Path to the CA file (PEM) if your server uses a certificate of your company's own certificate authority.",
    placeholder: '/path/to/company-ca.pem',
  },
};

/** English texts of the version and certificate errors (assembled in index.ts' errors). */
export const opsErrorsEn: typeof opsErrorsDe = {
  client: {
    too_old: 'This version of the 1sales app is too old for your server. Please install the current version.',
  },
  tls: {
    unknown_authority:
      "The server's certificate comes from an unknown certificate authority. If your company issues its own certificates, enter its CA file.",
    expired: "The server's certificate has expired or is not valid yet. Please contact your IT department.",
    wrong_host:
      "The server's certificate is not valid for this address. Please check the server address or contact your IT department.",
    failed: 'No secure connection to the server could be established. Please check the server address (https://).',
  },
};

/** English texts of the field codes of server addresses and CA files (assembled in index.ts' fields). */
export const opsFieldsEn: typeof opsFieldsDe = {
  insecure: 'Unencrypted connections (http://) are allowed to this computer only. Please use https://.',
  no_certificate: 'The file holds no certificate (PEM).',
};
