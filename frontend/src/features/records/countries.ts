import type { Address } from '../../api';

/** Countries as ISO 3166-1 alpha-2 codes (what the server stores), named in the UI language through Intl. */

const CODES =
  `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY
BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA
GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG
KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW
MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD
SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA
VC VE VG VI VN VU WF WS YE YT ZA ZM ZW`.split(/\s+/);

export const COUNTRY_CODES: readonly string[] = CODES;

/** The countries German sales teams deal with most, offered first. */
export const FREQUENT_COUNTRIES = ['DE', 'AT', 'CH'] as const;

export const DEFAULT_COUNTRY = 'DE';

const displayNames = new Map<string, Intl.DisplayNames>();

function namesFor(locale: string): Intl.DisplayNames {
  let names = displayNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
    displayNames.set(locale, names);
  }
  return names;
}

/** "Deutschland" for "DE" in German; the code itself when it is unknown; "" for "". */
export function countryName(code: string, locale: string): string {
  if (code === '') {
    return '';
  }
  try {
    return namesFor(locale).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

export interface CountryOption {
  value: string;
  label: string;
}

/** Options for a select: the frequent countries first, then all others by name. */
export function countryOptions(locale: string): { group: string; items: CountryOption[] }[] {
  const collator = new Intl.Collator(locale);
  const option = (code: string) => ({ value: code, label: countryName(code, locale) });
  const frequent: readonly string[] = FREQUENT_COUNTRIES;
  const others = COUNTRY_CODES.filter((code) => !frequent.includes(code))
    .map(option)
    .sort((a, b) => collator.compare(a.label, b.label));
  return [
    { group: 'frequent', items: FREQUENT_COUNTRIES.map(option) },
    { group: 'all', items: others },
  ];
}

/** A postal address on up to three lines: street, postal code and city, country; "" when empty. */
export function addressText(address: Address, locale: string): string {
  const lines = [
    address.street,
    [address.postalCode, address.city].filter(Boolean).join(' '),
    countryName(address.country, locale),
  ].filter((line) => line !== '');
  return lines.join('\n');
}
