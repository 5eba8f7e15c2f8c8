package gazetteer

import "strings"

// The states (GeoNames admin1 codes) postal codes of a region lie in, to choose among places of the same name:
// Germany by the first two digits (Leitregion), Austria and Switzerland by the first digit. Approximate (regions
// cross state borders; each lists the states it mostly covers): it only breaks ties, never excludes a place.
var (
	// DE: 01 Baden-Württemberg, 02 Bayern, 03 Bremen, 04 Hamburg, 05 Hessen, 06 Niedersachsen,
	// 07 Nordrhein-Westfalen, 08 Rheinland-Pfalz, 09 Saarland, 10 Schleswig-Holstein, 11 Brandenburg,
	// 12 Mecklenburg-Vorpommern, 13 Sachsen, 14 Sachsen-Anhalt, 15 Thüringen, 16 Berlin.
	deZones = map[string]string{
		"01": "13", "02": "13", "03": "11", "04": "13 14", "06": "14", "07": "15", "08": "13", "09": "13",
		"10": "16", "12": "16", "13": "16", "14": "11 16", "15": "11", "16": "11", "17": "12", "18": "12", "19": "12 11",
		"20": "04", "21": "06 04 10", "22": "04 10", "23": "10 12", "24": "10", "25": "10", "26": "06", "27": "06 03",
		"28": "03 06", "29": "06",
		"30": "06", "31": "06", "32": "07", "33": "07", "34": "05 06", "35": "05", "36": "05 15", "37": "06 05 15",
		"38": "06 14", "39": "14",
		"40": "07", "41": "07", "42": "07", "44": "07", "45": "07", "46": "07", "47": "07", "48": "07", "49": "06 07",
		"50": "07", "51": "07", "52": "07", "53": "07 08", "54": "08", "55": "08", "56": "08", "57": "07 08 05",
		"58": "07", "59": "07",
		"60": "05", "61": "05", "63": "05 02", "64": "05", "65": "05", "66": "09 08", "67": "08", "68": "01 05",
		"69": "01 05",
		"70": "01", "71": "01", "72": "01", "73": "01", "74": "01", "75": "01", "76": "01 08", "77": "01", "78": "01",
		"79": "01",
		"80": "02", "81": "02", "82": "02", "83": "02", "84": "02", "85": "02", "86": "02", "87": "02", "88": "01 02",
		"89": "01 02",
		"90": "02", "91": "02", "92": "02", "93": "02", "94": "02", "95": "02", "96": "02 15", "97": "02 01", "98": "15",
		"99": "15",
	}
	// AT: 01 Burgenland, 02 Kärnten, 03 Niederösterreich, 04 Oberösterreich, 05 Salzburg, 06 Steiermark, 07 Tirol,
	// 08 Vorarlberg, 09 Wien.
	atZones = map[string]string{"1": "09", "2": "03 01", "3": "03", "4": "04", "5": "05 04", "6": "07 08", "7": "01",
		"8": "06", "9": "02 07"}
	// CH: cantons.
	chZones = map[string]string{"1": "VD GE VS FR", "2": "NE JU BE", "3": "BE VS FR SO", "4": "BS BL SO AG",
		"5": "AG ZH", "6": "LU ZG UR SZ OW NW TI", "7": "GR", "8": "ZH SH TG SG GL SZ", "9": "SG AR AI TG"}
)

// zoneScore says how well a place in country and state admin1 fits where postal (digits) points to: 5 for the
// region's main state, 3 for another state it covers, 0 otherwise.
func zoneScore(country, admin1, postal string) int {
	var states string
	switch {
	case country == "DE" && len(postal) == 5:
		states = deZones[postal[:2]]
	case country == "AT" && len(postal) == 4:
		states = atZones[postal[:1]]
	case country == "CH" && len(postal) == 4:
		states = chZones[postal[:1]]
	}
	for i, s := range strings.Fields(states) {
		if s == admin1 {
			if i == 0 {
				return 5
			}
			return 3
		}
	}
	return 0
}
