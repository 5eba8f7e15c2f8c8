package main

// Word lists the generated data set combines. Several names carry umlauts or ß, so that the stored search text
// goes through the same spelling rules (ü -> ue, ß -> ss) the service applies.

var maleFirstNames = []string{
	"Alexander", "Andreas", "Bernd", "Björn", "Christian", "Daniel", "Dennis", "Dieter", "Dirk", "Florian",
	"Frank", "Günter", "Hans", "Heiko", "Holger", "Jan", "Jörg", "Jürgen", "Jens", "Jonas",
	"Kai", "Klaus", "Lars", "Lukas", "Manfred", "Marco", "Markus", "Martin", "Matthias", "Michael",
	"Niklas", "Oliver", "Patrick", "Peter", "Ralf", "René", "Sebastian", "Sören", "Stefan", "Thomas",
	"Thorsten", "Tim", "Tobias", "Uwe", "Volker", "Werner", "Wolfgang", "Yannick",
}

var femaleFirstNames = []string{
	"Andrea", "Angelika", "Anja", "Anna", "Bärbel", "Birgit", "Carina", "Christina", "Claudia", "Daniela",
	"Doris", "Elke", "Franziska", "Gabriele", "Hannah", "Heike", "Ines", "Jana", "Julia", "Jutta",
	"Karin", "Katharina", "Kerstin", "Lena", "Laura", "Marion", "Martina", "Melanie", "Monika", "Nadine",
	"Nicole", "Petra", "Renate", "Sabine", "Sandra", "Silke", "Simone", "Sophie", "Stefanie", "Susanne",
	"Tanja", "Ursula", "Ute", "Verena", "Jördis", "Käthe", "Gülşen", "Zoë",
}

var lastNames = []string{
	"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
	"Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
	"Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier",
	"Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber",
	"Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert",
	"Vogel", "Friedrich", "Keller", "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz",
	"Baumann", "Franke", "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin",
	"Schumacher", "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich",
	"Brandt", "Haas", "Schreiber", "Graf", "Schulte", "Dietrich", "Ziegler", "Kuhn", "Kühn", "Pohl",
	"Engel", "Horn", "Busch", "Bergmann", "Thomas", "Voigt", "Sauer", "Arnold", "Wolff", "Pfeiffer",
	"Ströbele", "Nußbaum", "Özdemir", "Yılmaz", "Kowalski", "Nowak", "Lübke", "Dücker", "Gößling", "Thürmer",
}

var jobTitles = []string{
	"Geschäftsführung", "Einkaufsleitung", "Vertriebsleitung", "IT-Leitung", "Assistenz der Geschäftsführung",
	"Prokura", "Buchhaltung", "Projektleitung", "Technische Leitung", "Einkauf", "Inhaberin", "Inhaber",
	"Werkstattleitung", "Office Management", "Personalleitung", "Marketing", "Qualitätsmanagement", "Logistik",
}

var sectors = []string{
	"Maschinenbau", "Logistik", "Bürotechnik", "Elektrotechnik", "Haustechnik", "Bau", "Metallbau", "Software",
	"Druckerei", "Autohaus", "Steuerberatung", "Immobilien", "Feinkost", "Getränke", "Medizintechnik", "Möbel",
	"Gebäudereinigung", "Spedition", "Werkzeugbau", "Kunststofftechnik", "Energietechnik", "Zahntechnik",
	"Landtechnik", "Sanitär", "Optik", "Bäckerei", "Fleischerei", "Gartenbau", "Verpackung", "Holzbau",
}

var legalForms = []string{"GmbH", "GmbH", "GmbH", "GmbH & Co. KG", "AG", "KG", "e.K.", "OHG", "UG (haftungsbeschränkt)", "GbR"}

var fantasyNames = []string{
	"Nordlicht", "Südwind", "Alpen", "Rhein", "Elbe", "Spree", "Isar", "Main", "Weser", "Donau", "Hanse",
	"Bavaria", "Sachsen", "Westfalen", "Ostsee", "Nordsee", "Schwarzwald", "Harz", "Eifel", "Taunus", "Allgäu",
	"Bodensee", "Lausitz", "Rügen", "Fränkische", "Pfälzer", "Münchner", "Kölner", "Hamburger", "Berliner",
}

// cities are (postal code, city, phone area code).
var cities = [][3]string{
	{"10115", "Berlin", "30"}, {"20095", "Hamburg", "40"}, {"80331", "München", "89"}, {"50667", "Köln", "221"},
	{"60311", "Frankfurt am Main", "69"}, {"70173", "Stuttgart", "711"}, {"40210", "Düsseldorf", "211"},
	{"04109", "Leipzig", "341"}, {"44135", "Dortmund", "231"}, {"45127", "Essen", "201"}, {"28195", "Bremen", "421"},
	{"01067", "Dresden", "351"}, {"30159", "Hannover", "511"}, {"90402", "Nürnberg", "911"},
	{"47051", "Duisburg", "203"}, {"44787", "Bochum", "234"}, {"42103", "Wuppertal", "202"},
	{"33602", "Bielefeld", "521"}, {"53111", "Bonn", "228"}, {"48143", "Münster", "251"},
	{"76133", "Karlsruhe", "721"}, {"68159", "Mannheim", "621"}, {"86150", "Augsburg", "821"},
	{"65183", "Wiesbaden", "611"}, {"41061", "Mönchengladbach", "2161"}, {"45879", "Gelsenkirchen", "209"},
	{"38100", "Braunschweig", "531"}, {"24103", "Kiel", "431"}, {"52062", "Aachen", "241"},
	{"06108", "Halle (Saale)", "345"}, {"39104", "Magdeburg", "391"}, {"79098", "Freiburg im Breisgau", "761"},
	{"47798", "Krefeld", "2151"}, {"23552", "Lübeck", "451"}, {"46045", "Oberhausen", "208"},
	{"99084", "Erfurt", "361"}, {"55116", "Mainz", "6131"}, {"18055", "Rostock", "381"}, {"34117", "Kassel", "561"},
	{"58095", "Hagen", "2331"}, {"66111", "Saarbrücken", "681"}, {"14467", "Potsdam", "331"},
	{"67059", "Ludwigshafen am Rhein", "621"}, {"26122", "Oldenburg", "441"}, {"93047", "Regensburg", "941"},
	{"97070", "Würzburg", "931"}, {"89073", "Ulm", "731"}, {"85049", "Ingolstadt", "841"}, {"07743", "Jena", "3641"},
	{"09111", "Chemnitz", "371"}, {"03046", "Cottbus", "355"}, {"19053", "Schwerin", "385"},
	{"37073", "Göttingen", "551"}, {"72070", "Tübingen", "7071"}, {"83022", "Rosenheim", "8031"},
	{"87435", "Kempten (Allgäu)", "831"}, {"94032", "Passau", "851"}, {"96047", "Bamberg", "951"},
	{"95444", "Bayreuth", "921"}, {"36037", "Fulda", "661"},
}

var streets = []string{
	"Hauptstraße", "Bahnhofstraße", "Gartenweg", "Schillerstraße", "Goethestraße", "Lindenallee", "Am Markt",
	"Kirchplatz", "Mühlenweg", "Königsallee", "Industriestraße", "Gewerbepark", "Rosenstraße", "Poststraße",
	"Friedrichstraße", "Am Hafen", "Schloßstraße", "Feldstraße", "Waldstraße", "Lessingstraße",
}

var freeMailers = []string{"gmx.de", "web.de", "t-online.de", "gmail.com", "posteo.de", "outlook.de"}

var interests = []string{
	"Drucker", "Kopierer", "Büromöbel", "Software", "Wartungsvertrag", "Leasing", "Kaffee-Service",
	"IT-Sicherheit", "Cloud", "Schulung",
}

// searchTerms are what the search benchmark types: names with and without umlauts (both spellings must find
// the same people), companies, places, a phone fragment, a full name.
var searchTerms = []string{
	"Müller", "mueller", "Schäfer", "Jürgen Weber", "krüger", "Nordlicht", "Maschinenbau", "Sören",
	"Köhler", "groß", "Zimmermann", "Logistik GmbH", "Bärbel", "Nußbaum", "Weiss", "Stefanie Koch",
}
