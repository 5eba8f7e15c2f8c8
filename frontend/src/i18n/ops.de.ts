/** German texts of server versions, certificates and the company CA (assembled in index.ts). */
export const opsDe = {
  version: {
    tooOldTitle: 'Bitte aktualisieren Sie 1sales',
    tooOld:
      'Diese Version der 1sales-App ({{desktop}}) ist zu alt für Ihren Server. Er benötigt mindestens Version {{min}}.',
    download: 'Aktuelle Version herunterladen',
    noDownload: 'Bitte wenden Sie sich an Ihre IT, um die aktuelle Version zu erhalten.',
    serverOutdatedTitle: 'Der Server ist älter als diese App',
    serverOutdated:
      'Ihr Server (Version {{server}}) kennt noch nicht alle Funktionen dieser App (Version {{desktop}}). Einige Funktionen können fehlschlagen, bis der Server aktualisiert ist.',
  },
  caFile: {
    label: 'Zertifikat Ihrer Firma (optional)',
    description:
      'Pfad zur CA-Datei (PEM), falls Ihr Server ein Zertifikat Ihrer eigenen Zertifizierungsstelle verwendet.',
    placeholder: '/pfad/zur/firmen-ca.pem',
  },
};

/** German texts of the version and certificate errors (assembled in index.ts' errors). */
export const opsErrorsDe = {
  client: {
    too_old: 'Diese Version der 1sales-App ist zu alt für Ihren Server. Bitte installieren Sie die aktuelle Version.',
  },
  tls: {
    unknown_authority:
      'Das Zertifikat des Servers stammt von einer unbekannten Zertifizierungsstelle. Wenn Ihre Firma eigene Zertifikate ausstellt, geben Sie deren CA-Datei an.',
    expired: 'Das Zertifikat des Servers ist abgelaufen oder noch nicht gültig. Bitte wenden Sie sich an Ihre IT.',
    wrong_host:
      'Das Zertifikat des Servers gilt nicht für diese Adresse. Bitte prüfen Sie die Server-Adresse oder wenden Sie sich an Ihre IT.',
    failed:
      'Es konnte keine sichere Verbindung zum Server aufgebaut werden. Bitte prüfen Sie die Server-Adresse (https://).',
  },
};

/** German texts of the field codes of server addresses and CA files (assembled in index.ts' fields). */
export const opsFieldsDe = {
  insecure:
    'Unverschlüsselte Verbindungen (http://) sind nur zu diesem Computer erlaubt. Bitte verwenden Sie https://.',
  no_certificate: 'Die Datei enthält kein Zertifikat (PEM).',
};
