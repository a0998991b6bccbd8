//! Hand-kept word lists: what identifies nobody (kept), and the context cues that tell a
//! name from a word ("juf Roos" versus "een roos"). General Dutch and English knowledge
//! only; no name from any story.

/// Words that identify nobody and are often capitalised mid-sentence: months and days,
/// languages and nationalities, religions and holidays, national bodies and roles,
/// diagnoses, school types, and apps and brands parents mention.
pub const KEEP_WORDS: &[&str] = &[
    // months, days
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december", "january", "february", "march", "may", "june", "july",
    "august", "october", "jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt",
    "nov", "dec", "mar", "oct", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag",
    "zaterdag", "zondag", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday",
    // languages, nationalities, peoples
    "nederlands", "nederlandse", "nederlander", "nederlanders", "hollands", "hollandse", "fries",
    "friese", "engels", "engelse", "duits", "duitse", "frans", "franse", "turks", "turkse",
    "marokkaans", "marokkaanse", "arabisch", "arabische", "berbers", "pools", "poolse",
    "oekraïens", "oekraïense", "russisch", "russische", "syrisch", "syrische", "eritrees",
    "eritrese", "tigrinya", "somalisch", "somalische", "surinaams", "surinaamse", "antilliaans",
    "antilliaanse", "papiaments", "hindoestaans", "hindoestaanse", "sranantongo", "spaans",
    "spaanse", "italiaans", "italiaanse", "portugees", "portugese", "chinees", "chinese",
    "vlaams", "vlaamse", "belgisch", "belgische", "afghaans", "iraans", "iraakse", "koerdisch",
    "koerdische", "dutch", "english", "british", "german", "french", "turkish", "moroccan",
    "arabic", "polish", "ukrainian", "russian", "syrian", "eritrean", "somali", "surinamese",
    "antillean", "spanish", "italian", "portuguese", "chinese", "flemish", "belgian", "european",
    "europees", "europese", "american", "amerikaans", "amerikaanse", "scottish", "irish", "welsh",
    "indian", "indiaas", "indiase", "pakistani", "kurdish", "persian", "afghan", "africa",
    "afrikaans", "afrikaanse", "african", "asian", "aziatisch",
    // religion, holidays, seasons
    "islam", "islamitisch", "islamitische", "moslim", "christelijk", "christelijke", "katholiek",
    "katholieke", "protestants", "joods", "joodse", "hindoe", "god", "allah", "jezus", "bijbel",
    "koran", "kerst", "kerstmis", "kerstvakantie", "pasen", "pinksteren", "ramadan",
    "suikerfeest", "offerfeest", "sinterklaas", "christmas", "easter", "eid", "halloween",
    "carnaval", "koningsdag", "hemelvaart", "oud", "nieuw",
    // national bodies, roles, laws, levels (never identifying on their own)
    "kinderombudsman", "ombudsman", "onderwijsinspectie", "inspectie", "jeugdzorg",
    "jeugdbescherming", "kinderbescherming", "leerplicht", "leerplichtambtenaar",
    "samenwerkingsverband", "gemeente", "rechtbank", "kinderrechter", "rijksoverheid",
    "overheid", "ministerie", "kamer", "tweede", "eerste", "minister", "staatssecretaris",
    "veilig", "thuis", "balans", "oudervereniging", "passend", "onderwijs", "speciaal",
    "jeugdarts", "huisarts", "wijkteam", "buurtteam", "consultatiebureau", "juf", "meester",
    "mevrouw", "meneer", "dokter", "directeur", "directrice", "mentor", "intern", "begeleider",
    "ib'er", "zorgcoördinator", "psycholoog", "psychiater", "orthopedagoog", "kinderpsychiater",
    "mama", "papa", "mam", "pap", "oma", "opa", "mum", "mom", "dad", "mummy", "daddy", "granny",
    "grandma", "grandpa", "nan", "nana", "mr", "mrs", "ms", "miss", "dr", "sir", "madam",
    "teacher", "headteacher", "head", "year", "groep", "klas", "brugklas", "havo", "vwo",
    "vmbo", "mbo", "hbo", "atheneum", "gymnasium", "praktijkonderwijs", "basisschool",
    "basisonderwijs", "kinderombudsvrouw", "wet", "wmo", "jeugdwet", "grondwet", "unicef",
    "nederland", "europa", "randstad", "internet", "corona", "covid", "lockdown", "cito",
    "entreetoets", "doorstroomtoets", "eindtoets", "wisc", "iq", "hallo", "hoi", "hey", "hi",
    "dear", "beste", "groetjes", "liefs", "gr", "sorry", "ok", "oké", "okay", "help", "hulp",
    "ik", "i", "im", "ive", "ill", "id", "we", "wij", "zij", "hij", "jij", "u", "ze", "mijn",
    "onze", "ons", "my", "our", "he", "she", "they", "it", "the", "a", "an", "de", "het", "een",
    "en", "maar", "dus", "want", "toen", "nu", "daarna", "gelukkig", "helaas", "ook", "nog",
    // diagnoses and care words
    "adhd", "add", "ass", "asd", "autisme", "autism", "autistisch", "autistic", "pdd", "nos",
    "pdd-nos", "odd", "pda", "dcd", "ocd", "ptss", "ptsd", "hsp", "dyslexie", "dyslexia",
    "dyscalculie", "angst", "angststoornis", "depressie", "burn-out", "hoogbegaafd",
    "hoogbegaafdheid", "me", "cvs", "long", "eds", "tourette", "gilles", "asperger", "ggz",
    "ggd", "jggz", "camhs", "nhs", "sen", "senco", "send", "ehcp", "ofsted", "gp",
    // apps, brands, media
    "minecraft", "roblox", "fortnite", "youtube", "tiktok", "instagram", "insta", "snapchat",
    "whatsapp", "discord", "netflix", "google", "teams", "zoom", "lego", "playstation", "xbox",
    "nintendo", "switch", "iphone", "ipad", "android", "facebook", "twitter", "spotify",
    "duolingo", "squla", "gynzy", "snappet", "magister", "somtoday", "parnassys", "pokémon",
    "pokemon", "disney", "marktplaats", "ikea", "hema", "heijn",
    "jumbo", "action", "lidl", "aldi", "bol", "ns", "ov", "ov-chipkaart", "taxi", "wikipedia",
    "chatgpt", "gofundme", "linkedin", "reddit", "twitch", "steam", "pinterest", "messenger",
    "signal", "telegram", "gmail", "outlook", "hotmail", "ziggo", "kpn",
];

/// Acronyms of national bodies, school types and diagnoses that are written in capitals.
pub const ACRONYMS_KEPT: &[&str] = &[
    "uwv", "svb", "duo", "cjg", "swv", "ib", "mr", "opp", "tlv", "bso", "kdv", "vso", "so",
    "sbo", "po", "vo", "wo", "ind", "coa", "cak", "pgb", "zin", "lvb", "nt2", "vve", "rivm",
    "nji", "ncj", "ocw", "vws", "sgp", "pvda", "vvd", "cda", "d66", "bij1", "bbb", "pvv", "jgz",
    "ggd", "ggz", "ocd", "iq", "tv", "dm", "pc", "ict", "pr", "pdf", "sms", "aub", "svp", "ps",
    "nb", "bv", "nv", "ok", "eu", "vn", "un", "usa", "uk", "vs", "mri", "eeg", "ecg", "ic",
    "ehbo", "ah", "ov", "ns", "kno", "hb", "eed", "hgw", "hsp", "pmt", "vg", "ggz-instelling",
];

/// Name particles (tussenvoegsels and the like): part of a surname after a given name or title.
pub const PARTICLES: &[&str] = &[
    "van", "de", "der", "den", "het", "ter", "ten", "te", "'t", "in", "op", "'s", "von", "le",
    "la", "du", "da", "di", "del", "el", "al", "bin", "ibn", "ben", "abu", "vd", "v.d.", "v/d",
];

/// Function words: never a name or place on their own, whatever their case.
pub const FUNCTION_WORDS: &[&str] = &[
    "de", "het", "een", "en", "of", "maar", "dat", "die", "dit", "deze", "in", "op", "aan", "bij",
    "met", "van", "voor", "naar", "uit", "om", "tot", "over", "onder", "na", "door", "als",
    "is", "was", "zijn", "wij", "we", "ik", "jij", "je", "hij", "zij", "ze", "u", "hun", "hem",
    "haar", "ons", "onze", "mijn", "jouw", "zijn", "wat", "wie", "waar", "wanneer", "hoe",
    "niet", "geen", "wel", "ook", "nog", "al", "toen", "dan", "nu", "er", "hier", "daar",
    "the", "a", "an", "and", "or", "but", "in", "on", "at", "to", "of", "for", "with", "from",
    "by", "as", "is", "was", "are", "were", "be", "been", "he", "she", "they", "we", "i",
    "you", "it", "his", "her", "their", "our", "my", "your", "this", "that", "these", "those",
    "not", "no", "so", "then", "when", "where", "who", "what", "how", "also", "still", "just",
    "te", "ten", "ter", "zo", "zou", "kan", "moet", "wil", "heeft", "had", "hebben", "werd",
    "wordt", "want", "dus", "omdat", "nadat", "sinds", "tijdens", "zonder", "tegen", "via",
];

/// Entries the generated lists carry as names or places that are ordinary words in these
/// stories (list noise), so they are never treated as names without context.
pub const NOT_NAMES: &[&str] = &[
    "school", "thuis", "mama", "papa", "juf", "meester", "oma", "opa", "groep", "klas", "zorg",
    "hulp", "ouder", "ouders", "kind", "kinderen", "zoon", "dochter", "broer", "zus", "moeder",
    "vader", "mam", "pap", "dag", "week", "jaar", "maand", "uur", "tijd", "leven", "angst",
    "gelukkig", "helaas", "sorry", "hallo", "hoi", "dank", "bedankt", "liefs", "groet",
    "groetjes", "april", "mei", "juni", "juli", "may", "june", "august", "summer", "winter",
    "autumn", "spring", "christmas", "easter", "sunday", "monday", "mum", "mom", "dad",
    "ib", "mr", "dr", "dokter", "team", "online", "corona", "covid", "home", "mother",
    "father", "son", "daughter", "teacher", "god",
];

/// Words right before a name: titles, roles and family words ("juf Roos", "mijn zoon Daan").
pub const PERSON_CUES: &[&str] = &[
    "juf", "juffrouw", "meester", "meneer", "mevrouw", "mevr", "dhr", "mw", "heer", "dokter",
    "dr", "drs", "mr", "mrs", "ms", "miss", "mx", "sir", "tante", "oom", "oma", "opa", "zoon",
    "zoontje", "dochter", "dochtertje", "broer", "broertje", "zus", "zusje", "zusjes",
    "broertjes", "neef", "neefje", "nicht", "nichtje", "vriend", "vriendje", "vriendin",
    "vriendinnetje", "buurjongen", "buurmeisje", "man", "vrouw", "partner", "ex", "heet",
    "heten", "genaamd", "son", "daughter", "brother", "sister", "husband", "wife", "aunt",
    "uncle", "grandma", "grandpa", "granny", "nan", "named", "called", "teacher", "coach",
    "mentor", "mentrix", "ib'er", "begeleider", "begeleidster", "psycholoog", "orthopedagoog",
    "jeugdarts", "huisarts", "casemanager", "consulent", "leerplichtambtenaar", "directeur",
    "directrice", "behandelaar", "therapeut", "stepson", "stepdaughter", "twin", "tweeling",
    "jongste", "oudste", "middelste", "kleinzoon", "kleindochter", "grandson", "granddaughter",
    "boyfriend", "girlfriend", "friend", "pleegzoon", "pleegdochter", "stiefzoon",
    "stiefdochter", "baby", "schoonzoon", "schoondochter", "kleine", "ikzelf", "mama", "papa",
    "moeder", "vader", "mother", "father", "mum", "mom", "dad", "headteacher", "senco",
];

/// Words right before a place ("we wonen in Zwolle", "uit Kharkiv gevlucht").
pub const PLACE_CUES: &[&str] = &[
    "in", "uit", "naar", "te", "rond", "richting", "buiten", "vanuit", "from", "to", "near",
    "outside", "wijk", "dorp", "stad", "gemeente", "buurt", "city", "town", "village",
    "omgeving", "regio", "bij",
];

/// Words that introduce a school or care provider name ("OBS De Linde", "Praktijk Zon").
pub const ORG_PREFIXES: &[(&str, bool)] = &[
    ("obs", true), ("cbs", true), ("pcbs", true), ("rkbs", true), ("rk", true), ("sbo", true),
    ("so", true), ("vso", true), ("ikc", true), ("kindcentrum", true), ("basisschool", true),
    ("school", true), ("jenaplanschool", true), ("montessorischool", true),
    ("daltonschool", true), ("vrije", true), ("islamitische", true), ("christelijke", true),
    ("openbare", true), ("katholieke", true), ("protestantse", true), ("roc", true),
    ("scholengemeenschap", true), ("scholengroep", true), ("lyceum", true), ("college", true),
    ("kindcentrum", true), ("peuterspeelzaal", true), ("kinderopvang", false), ("bso", false),
    ("praktijk", false), ("kinderpraktijk", false), ("zorgboerderij", false),
    ("stichting", false), ("swv", false), ("samenwerkingsverband", false), ("ggz", false),
    ("jeugdhulp", false), ("zorggroep", false), ("kliniek", false), ("ziekenhuis", false),
    ("centrum", false), ("vereniging", false), ("voetbalclub", false), ("club", false),
    ("kerk", false), ("moskee", false), ("gemeente", false), ("vv", false), ("sv", false),
    ("hc", false), ("zv", false), ("bv", false), ("firma", false), ("bedrijf", false),
    ("academy", true), ("primary", true), ("high", true), ("hospital", false),
    ("clinic", false), ("practice", false), ("church", false), ("mosque", false),
];

/// Words that end a school or institution name ("het Noordrand College", "X Lyceum").
pub const ORG_SUFFIXES: &[(&str, bool)] = &[
    ("college", true), ("lyceum", true), ("gymnasium", true), ("academy", true),
    ("school", true), ("scholengemeenschap", true), ("campus", true), ("atheneum", true),
    ("kindcentrum", true), ("basisschool", true), ("mavo", true), ("havo", true), ("vmbo", true),
    ("praktijk", false), ("kliniek", false), ("ziekenhuis", false), ("centrum", false),
    ("zorg", false), ("jeugdzorg", false), ("groep", false), ("hospital", false),
    ("clinic", false), ("centre", false), ("center", false), ("kerk", false), ("church", false),
    ("moskee", false), ("fc", false), ("united", false),
];

/// Words that make a following unusual token a username ("op TikTok heet ze xyz_12").
pub const HANDLE_CUES: &[&str] = &[
    "instagram", "insta", "tiktok", "snapchat", "snap", "discord", "roblox", "fortnite",
    "minecraft", "twitch", "youtube", "twitter", "facebook", "x", "account", "accountnaam",
    "gebruikersnaam", "username", "handle", "gamertag", "kanaal", "channel", "profiel",
    "profile", "steam", "xbox", "playstation", "psn", "reddit", "threads", "bluesky", "@",
];

/// Street-name endings; a capitalised word with one of these is a street.
pub const STREET_ENDINGS: &[&str] = &[
    "straat", "laan", "weg", "plein", "gracht", "singel", "dijk", "kade", "dreef", "steeg",
    "pad", "ring", "baan", "boulevard", "allee", "markt", "park", "hof", "erf", "wal", "haven",
    "veld", "wei", "wech", "dyk", "strjitte", "loane", "steech", "plantsoen", "oord", "straatje",
    "pleintje", "hoeve", "akker", "kamp", "weide", "zijde", "berg", "dam", "street", "road",
    "avenue", "lane", "drive", "close", "way", "square", "crescent",
];
