//! Small word lists the heuristic entity finder leans on: titles, organisation cue words,
//! places, demonyms. Kept short and news-oriented; each list is sorted for binary search
//! (a test checks it).

/// Whether a sorted list holds a lower-case word.
fn listed(list: &[&str], lower: &str) -> bool {
    list.binary_search(&lower).is_ok()
}

/// Words that introduce a person's name ("President", "Mr", "spokesman").
pub fn is_title(lower: &str) -> bool {
    listed(TITLES, lower)
}

/// Words that end or mark an organisation's name ("Group", "Ministry", "Times").
pub fn is_org_cue(lower: &str) -> bool {
    listed(ORG_CUES, lower)
}

/// Known organisations that carry no cue word ("Kremlin", "Pentagon").
pub fn is_known_org(lower: &str) -> bool {
    listed(KNOWN_ORGS, lower)
}

/// Countries, regions, capitals and large cities, in lower case.
pub fn is_place(lower: &str) -> bool {
    listed(PLACES, lower)
}

/// Words that end a place's name ("Harrison County", "Joliet Avenue", "Tasman Glacier").
pub fn is_place_cue_last(lower: &str) -> bool {
    listed(PLACE_CUES_LAST, lower)
}

/// Words that open a place's name ("Mount Sefton", "Fort Smith", "Santa Rosa").
pub fn is_place_cue_first(lower: &str) -> bool {
    listed(PLACE_CUES_FIRST, lower)
}

/// US state abbreviations in the AP style news writes after a town ("Biloxi, Miss."),
/// lower case, without periods.
pub fn is_state_abbreviation(lower: &str) -> bool {
    listed(STATE_ABBREVIATIONS, lower)
}

/// Adjectives of nationality and the like ("Russian", "European"): not entities.
pub fn is_demonym(lower: &str) -> bool {
    listed(DEMONYMS, lower)
        || (lower.len() > 5
            && ["ian", "ean", "ese", "ish", "ern"]
                .iter()
                .any(|s| lower.ends_with(s))
            && !is_place(lower))
}

/// Adjectives of nationality in the word list itself, without the suffix rule of
/// [`is_demonym`].
pub fn is_known_demonym(lower: &str) -> bool {
    listed(DEMONYMS, lower)
}

/// Month and weekday names and other capitalised words that are never entities.
pub fn is_calendar_word(lower: &str) -> bool {
    listed(CALENDAR, lower)
}

/// Lower-case connectors allowed inside a name ("Mohammed bin Salman", "Bank of England").
pub fn is_name_connector(lower: &str) -> bool {
    matches!(
        lower,
        "of" | "bin"
            | "al"
            | "de"
            | "del"
            | "der"
            | "van"
            | "von"
            | "da"
            | "la"
            | "le"
            | "du"
            | "ibn"
            | "dos"
            | "y"
    )
}

#[rustfmt::skip]
const TITLES: &[&str] = &[
    "adm", "admiral", "adviser", "advisor", "ambassador", "analyst", "archbishop", "attorney",
    "bishop", "brig", "capt", "captain", "ceo", "chairman", "chairwoman", "chancellor", "chief",
    "coach", "col", "colonel", "commander", "commissioner", "congressman", "congresswoman", "coroner",
    "councillor", "crown", "defence", "defense", "deputy", "detective", "director", "dr", "duke",
    "economist", "editor", "emir", "envoy", "executive", "foreign", "founder", "gen", "general",
    "gov", "governor", "inspector", "judge", "justice", "king", "lady", "lawyer", "lord", "lt",
    "madam", "manager", "mayor", "minister", "mr", "mrs", "ms", "negotiator", "officer", "pastor",
    "pope", "premier", "president", "prime", "prince", "princess", "prof", "professor",
    "prosecutor", "queen", "rabbi", "rep", "representative", "secretary", "sen", "senator",
    "sergeant", "sgt", "sheikh", "sheriff", "sir", "speaker", "spokesman", "spokesperson",
    "spokeswoman", "sultan", "superintendent", "vice",
];

#[rustfmt::skip]
const ORG_CUES: &[&str] = &[
    "academy", "agency", "airlines", "alliance", "army", "association", "authority", "bank",
    "board", "bureau", "cabinet", "center", "centre", "church", "club", "coalition", "college",
    "command", "commission", "committee", "company", "congress", "corp", "corporation", "council",
    "court", "department", "foundation", "front", "fund", "group", "guard", "herald", "hospital",
    "inc", "institute", "journal", "league", "ltd", "media", "ministry", "movement", "navy",
    "network", "news", "office", "organisation", "organization", "parliament", "party", "police",
    "post", "press", "school", "senate", "service", "social", "society", "times", "tribune",
    "union", "university",
];

#[rustfmt::skip]
const KNOWN_ORGS: &[&str] = &[
    "al jazeera", "amazon", "apple", "associated press", "bbc", "cia", "cnn", "congress",
    "european union", "facebook", "fbi", "google", "hamas", "hezbollah", "interpol", "kremlin",
    "meta", "microsoft", "nasa", "nato", "pentagon", "reuters", "senate", "taliban", "tesla",
    "united nations", "white house",
];

#[rustfmt::skip]
const PLACES: &[&str] = &[
    "afghanistan", "africa", "alabama", "alaska", "albania", "algeria", "america", "amsterdam",
    "angola", "ankara", "antarctica", "argentina", "arizona", "arkansas", "armenia", "asia",
    "athens", "atlanta", "australia", "austria", "azerbaijan", "baghdad", "bahrain", "bangkok",
    "bangladesh", "beijing", "beirut", "belarus", "belgium", "berlin", "bolivia", "bosnia",
    "boston", "brazil", "britain", "brussels", "budapest", "bulgaria", "cairo", "california",
    "cambodia", "cameroon", "canada", "chicago", "chile", "china", "colombia", "colorado", "congo",
    "crimea", "croatia", "cuba", "cyprus", "czech republic", "damascus", "delhi", "denmark",
    "donbas", "donbass", "donetsk", "dubai", "ecuador", "egypt", "el salvador", "england", "estonia", "ethiopia",
    "europe", "finland", "florida", "france", "gaza", "geneva", "georgia", "germany", "ghana",
    "greece", "greenland", "haiti", "havana", "hawaii", "hong kong", "houston", "hungary",
    "iceland", "idaho", "illinois", "india", "indiana", "indonesia", "iowa", "iran", "iraq",
    "ireland", "israel", "istanbul", "italy", "jakarta", "japan", "jerusalem", "jordan", "kabul",
    "kansas", "kazakhstan", "kentucky", "kenya", "kharkiv", "kherson", "kiev", "kosovo", "kuwait",
    "kyiv", "laos", "latvia", "lebanon", "libya", "lithuania", "london", "los angeles",
    "louisiana", "luhansk", "madrid", "maine", "malaysia", "mali", "manila", "mariupol",
    "maryland", "massachusetts", "mexico", "miami", "michigan", "middle east", "minnesota",
    "minsk", "mississippi", "missouri", "moldova", "mongolia", "montana", "montenegro", "morocco",
    "moscow", "mumbai", "myanmar", "nebraska", "nepal", "netherlands", "nevada", "new delhi",
    "new jersey", "new mexico", "new york", "new zealand", "nicaragua", "niger", "nigeria",
    "north carolina", "north dakota", "north korea", "norway", "odesa", "odessa", "ohio",
    "oklahoma", "oman", "oregon", "oslo", "pakistan", "palestine", "panama", "paris",
    "pennsylvania", "peru", "philippines", "poland", "portugal", "qatar", "riyadh", "romania",
    "rome", "russia", "rwanda", "san francisco", "saudi arabia", "scotland", "seoul", "serbia",
    "shanghai", "singapore", "slovakia", "slovenia", "somalia", "south africa", "south carolina",
    "south dakota", "south korea", "spain", "sri lanka", "stockholm", "sudan", "sweden",
    "switzerland", "sydney", "syria", "taipei", "taiwan", "tehran", "tel aviv", "tennessee",
    "texas", "thailand", "tokyo", "tunisia", "turkey", "u.k.", "u.s.", "u.s.a.", "uganda", "uk",
    "ukraine", "united arab emirates", "united kingdom", "united states", "uruguay", "us", "usa",
    "utah", "uzbekistan", "vatican", "venezuela", "vermont", "vienna", "vietnam", "virginia",
    "wales", "warsaw", "washington", "west bank", "wisconsin", "yemen", "zaporizhzhia", "zimbabwe",
];

#[rustfmt::skip]
const PLACE_CUES_LAST: &[&str] = &[
    "ave", "avenue", "beach", "blvd", "boulevard", "canyon", "city", "county", "creek", "drive",
    "glacier", "harbor", "harbour", "heights", "highway", "island", "islands",
    "lake", "mountain", "mountains", "parish", "park", "peninsula", "province", "region", "river", "road", "route",
    "square", "st", "strait", "street", "township", "valley", "village",
];

#[rustfmt::skip]
const PLACE_CUES_FIRST: &[&str] = &[
    "fort", "lake", "las", "los", "mount", "mt", "port", "san", "santa",
];

#[rustfmt::skip]
const STATE_ABBREVIATIONS: &[&str] = &[
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "ky",
    "la", "mass", "md", "mich", "minn", "miss", "mo", "mont", "n.c", "n.d", "n.h", "n.j", "n.m",
    "n.y", "neb", "nev", "okla", "ore", "pa", "r.i", "s.c", "s.d", "tenn", "tex", "va", "vt",
    "w.va", "wash", "wis", "wyo",
];

#[rustfmt::skip]
const DEMONYMS: &[&str] = &[
    "afghan", "american", "arab", "british", "chinese", "dutch", "english", "european", "french",
    "german", "greek", "iraqi", "irish", "israeli", "japanese", "kuwaiti", "polish", "qatari",
    "saudi", "soviet", "swiss", "thai", "turkish", "western", "yemeni",
];

#[rustfmt::skip]
const CALENDAR: &[&str] = &[
    "april", "august", "christmas", "december", "easter", "february", "friday", "january", "july",
    "june", "march", "may", "monday", "november", "october", "saturday", "september", "sunday",
    "thursday", "today", "tuesday", "wednesday", "yesterday",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_and_lower_case() {
        for list in [
            TITLES,
            ORG_CUES,
            KNOWN_ORGS,
            PLACES,
            PLACE_CUES_LAST,
            PLACE_CUES_FIRST,
            STATE_ABBREVIATIONS,
            DEMONYMS,
            CALENDAR,
        ] {
            assert!(
                list.windows(2).all(|w| w[0] < w[1]),
                "{:?}",
                list.windows(2).find(|w| w[0] >= w[1])
            );
            assert!(list.iter().all(|w| w.to_lowercase() == *w));
        }
    }

    #[test]
    fn demonyms_are_not_places() {
        assert!(is_demonym("russian") && is_demonym("ukrainian") && is_demonym("saudi"));
        assert!(!is_demonym("ukraine") && !is_demonym("brussels"));
        assert!(is_place("ukraine") && is_place("middle east"));
    }
}
