//! The English words attribution relies on: offices, organisations, reporting verbs, and the small words
//! that can stand in a sentence's subject. Vocabulary only; no person or country is named here (countries
//! come from the gazetteer).

use std::collections::HashSet;
use std::sync::LazyLock;

/// A word list, looked up as a set: attribution asks it several times for every word it reads.
macro_rules! words {
    ($(#[$doc:meta])* $name:ident = [$($word:literal),* $(,)?]) => {
        $(#[$doc])*
        pub static $name: LazyLock<HashSet<&'static str>> =
            LazyLock::new(|| [$($word),*].into_iter().collect());
    };
}

words! {
    /// Words of office phrases: a capitalised run with one of these before a name introduces a participant.
    OFFICE = [
    "President", "Vice", "Premier", "Prime", "Minister", "Ministers", "Secretary", "General",
    "Chairman", "Chairwoman", "Chairperson", "Chair", "Chancellor", "King", "Queen", "Emperor",
    "Empress", "Prince", "Princess", "Crown", "Emir", "Amir", "Sultan", "Sheikh", "Shaikh",
    "Ambassador", "Spokesperson", "Spokesman", "Spokeswoman", "Deputy", "Assistant", "Under",
    "Councilor", "Councillor", "Counselor", "Counsellor", "Governor", "Mayor", "Senator",
    "Representative", "Envoy", "Special", "Director", "Director-General", "Commissioner", "High",
    "Head", "Leader", "Member", "Speaker", "Lord", "Majesty", "Highness", "Excellency", "Mr", "Mrs",
    "Ms", "Dr", "Madam", "Madame", "Sir", "Dame", "Senior", "Chief", "Executive", "Officer",
    "Commander", "Marshal", "Adviser", "Advisor", "Administrator", "Pope", "Holiness", "Cardinal",
    "Patriarch", "Archbishop", "Bishop", "Permanent", "Consul", "Consul-General", "Delegate",
    "Secretary-General", "Under-Secretary-General", "Vice-President", "Vice-Premier",
    "Vice-Chairman", "Spokespersons", "Foreign", "Defense", "Defence", "External", "Interior",
    "Finance", "Treasury", "Trade", "Commerce", "Justice", "Health", "State", "Affairs",
    "Principal", "Acting", "Interim", "Incoming", "Outgoing", "Former", "Professor", "Prof", "Rev",
    "Reverend", "Imam", "Grand", "Supreme", "Chargé", "Charge", "d'Affaires",
    "Coordinator", "Czar", "Negotiator", "Undersecretary", "Attorney", "Solicitor", "Lieutenant",
    "Colonel", "Major", "Captain", "Admiral", "Brigadier", "Emissary", "Ombudsman", "Registrar",
    "Rapporteur", "Facilitator", "Mediator", "Moderator", "Taoiseach", "Tánaiste", "Vizier",
    "Majlis",
    "Representatives", "Envoys", "Secretaries", "Presidents", "Ambassadors", "Chancellors",
    "Premiers", "Kings",
]
}

words! {
    /// Capitalised words of organisation names that may stand in an office phrase but never in a name.
    ORGANISATION = [
    "Party", "Committee", "Central", "Council", "Government", "Republic", "Kingdom", "Union",
    "Nations", "United", "Democratic", "People's", "People", "Revolutionary", "Communist",
    "Socialist", "Federal", "Federation", "Ministry", "Department", "Office", "Congress",
    "Parliament", "Assembly", "National", "Commission", "Standing", "Political", "Bureau",
    "Politburo", "Cabinet", "Administration", "Organization", "Organisation", "Association",
    "Front", "Movement", "League", "Army", "Forces", "Military", "Bank", "Court", "Senate", "House",
    "Authority", "Islamic", "Arab", "Labour", "Labor", "Workers'", "Workers", "Liberation",
    "Alliance", "European", "African", "Asian", "Pacific", "International", "Summit", "Forum",
    "Group", "Community", "Relations", "Development", "Cooperation", "Conference", "Affairs",
    "Security", "Defense", "Presidium", "Secretariat", "Agency", "Institute", "Mission",
    "Delegation", "Embassy", "Consulate", "Region", "Province", "Autonomous", "Special",
    "Administrative", "Fund", "Programme", "Program", "Council's", "Commonwealth", "Crown", "Royal",
    "Imperial", "Constitutional", "Supreme", "Transitional", "Interim", "Provisional",
    "Legislative", "Executive", "Diplomatic", "News", "Press", "Regular", "Briefing", "Statement",
    "Joint", "Readout", "Remarks", "States", "Members", "Soviet", "Charter", "Declaration",
    "Resolution", "Treaty", "Protocol", "Accord", "Agreement", "Convention", "Initiative", "Plan",
    "Agenda", "Strategy", "Vision",
    "Science", "Technology", "Education", "Culture", "Agriculture", "Industry", "Information",
    "Energy", "Environment", "Ecology", "Transport", "Communications", "Social", "Welfare",
    "Tourism", "Youth", "Sports", "Women", "Planning", "Economy", "Economic", "Investment",
    "Worship", "Europe", "Home", "Homeland", "Veterans", "Water", "Resources", "Natural", "Public",
    "Civil", "Human", "Rights", "Immigration", "Overseas", "Territorial", "Land", "Housing",
    "Urban", "Rural", "Fisheries", "Forestry", "Mines", "Mining", "Petroleum", "Oil", "Gas",
    "Power", "Telecommunications", "Digital", "Media", "Arts", "Heritage", "Family", "Children",
    "Labour's",
    "Asia", "Africa", "Middle", "East", "West", "Americas", "Indo-Pacific", "Atlantic", "Arctic",
    "Eurasia", "Eurasian", "Gulf", "Balkans", "Caribbean", "Latin", "Hemisphere", "Western",
    "Eastern", "Northern", "Southern", "Dam", "Corridor", "Railway", "Bridge", "Canal", "Port",
    "Zone", "Area", "Island", "Islands", "Sea", "Ocean", "Strait", "Peninsula",
    "Peace", "Stability", "Prosperity", "Democracy", "Freedom", "Climate", "Nonproliferation",
    "Disarmament", "Counterterrorism", "Counter-Terrorism", "Terrorism", "Humanitarian", "Refugees",
    "Migration", "Korea", "Global", "Response", "Trafficking", "Persons", "Cyber", "Space", "Arms",
    "Control",
    "Financial", "Intelligence", "Treasury", "Reserves", "Sanctions", "Anti-Corruption",
    "Corruption",
]
}

words! {
    /// Title-case verbs of headlines ("X Speaks with Y"): they end a name.
    HEADLINE_VERBS = [
    "Speaks", "Meets", "Holds", "Has", "Talks", "Calls", "Sends", "Attends", "Delivers",
    "Congratulates", "Chairs", "Visits", "Receives", "Addresses", "Says", "Stresses", "Hosts",
    "Welcomes", "Exchanges", "Co-chairs", "Presides", "Pays", "Signs", "Announces", "Issues",
    "Expresses", "Travels", "Joins", "Gives", "Answers", "Responds", "Attend", "Meet", "Speak",
    "Hold", "Held", "Met", "Spoke", "Call", "Urges", "Condemns", "Discusses", "Briefs", "Launches",
    "Opens", "Concludes", "Wraps", "Leads", "Reaffirms", "Highlights", "Underlines", "Notes",
    "Wishes", "Thanks", "Mourns", "Writes", "Replies", "Inspects", "Tours", "Greets", "On", "With",
    "At", "In", "And", "For", "To", "Of", "The", "By", "From", "About", "After",
]
}

words! {
    /// Capitalised words that are never part of a name: sentence openers, pronouns, months, days.
    NEVER_NAME = [
    "The", "A", "An", "In", "On", "At", "During", "After", "Before", "With", "For", "As", "By",
    "From", "To", "Also", "Both", "Meanwhile", "However", "It", "This", "That", "These", "Those",
    "They", "He", "She", "We", "I", "You", "His", "Her", "Their", "Our", "Its", "There", "Here",
    "When", "While", "Since", "Under", "Over", "Upon", "Regarding", "Furthermore", "Moreover",
    "Today", "Yesterday", "Tomorrow", "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Q", "Following", "Speaking",
    "According", "Earlier", "Later", "Then", "Besides", "Additionally", "Next", "Finally", "Lastly",
    "First", "Second", "Third", "Of", "And", "Or", "But", "If", "Not", "No", "Yes", "Thank",
    "Thanks", "Please", "Question", "Answer", "Home", "Print", "Close", "Share", "Communist",
    "Party", "Central", "Committee", "Year", "Day", "Week", "COVID", "My", "Your", "Having",
    "Being", "Let", "Allow", "Each", "Every", "All", "Some", "Many", "Most", "Such", "Nothing",
    "Everyone", "Nobody", "Who", "What", "Which", "Why", "How", "Where", "Whether",
]
}

words! {
    /// Finite reporting verbs: their subject is the paragraph's speaker.
    REPORTING_VERBS = [
    "said", "says", "pointed", "points", "expressed", "expresses", "stressed", "stresses", "noted",
    "notes", "congratulated", "congratulates", "agreed", "agree", "agrees", "emphasized",
    "emphasised", "emphasizes", "emphasises", "added", "adds", "stated", "states", "underlined",
    "underlines", "underscored", "underscores", "welcomed", "welcomes", "hoped", "hopes",
    "believed", "believes", "called", "calls", "urged", "urges", "thanked", "thanks", "extended",
    "extends", "reiterated", "reiterates", "reaffirmed", "reaffirms", "affirmed", "affirms",
    "indicated", "indicates", "highlighted", "highlights", "proposed", "proposes", "announced",
    "announce", "announces", "mentioned", "mentions", "told", "tells", "remarked", "explained",
    "explains", "recalled", "recalls", "asked", "asks", "suggested", "suggests", "commended",
    "commends", "praised", "praises", "wished", "wishes", "introduced", "briefed", "briefs",
    "voiced", "voices", "condemned", "condemns", "encouraged", "encourages", "appreciated",
    "conveyed", "conveys", "acknowledged", "acknowledges", "observed", "declared", "declares",
    "insisted", "insists", "maintained", "warned", "warns", "argued", "argues", "answered",
    "replied", "replies", "responded", "responds", "shared", "elaborated", "outlined", "outlines",
    "presented", "assured", "assures", "pledged", "pledges", "vowed", "vows", "promised", "invited",
    "invites", "requested", "requests", "appealed", "appeals", "denounced", "criticized",
    "criticised", "regretted", "lauded", "hailed", "confirmed", "confirms", "discussed", "spoke",
    "applauded", "recognized", "recognised", "reiterate", "stress", "express", "underscore",
    "emphasize", "emphasise", "reaffirm", "welcome", "note", "recommitted",
]
}

words! {
    /// Words that open a leading adverbial ("During the talks, X said"): a subject after its comma still opens
    /// the sentence's main clause.
    LEAD_WORDS = [
    "During", "On", "In", "At", "After", "Before", "Following", "Meanwhile", "However", "Also", "Moreover",
    "Furthermore", "Additionally", "Besides", "Earlier", "Later", "Today", "Yesterday", "Then",
    "Separately", "Similarly", "Likewise", "Finally", "First", "Second", "Third", "Regarding", "As", "For",
    "Speaking", "Responding", "Asked", "Upon", "Throughout", "Over", "Under", "Since", "Lastly", "Overall",
    "Again", "Once", "Turning", "With", "Through", "Noting", "Recalling", "Welcoming", "Referring",
    "Commenting", "Concerning", "Looking", "Addressing", "Answering", "Replying", "Last", "This", "Next",
]
}

words! {
    /// Verbs that only narrate when followed by these words ("spoke with", "spoke by phone").
    NARRATING_AFTER_SPOKE = ["with", "by", "to", "on", "over", "via", "today"]
}

words! {
    /// Lowercase words allowed inside a subject besides names: connectors, adverbs, collective nouns.
    SUBJECT_GLUE = [
    "of", "the", "and", "also", "further", "jointly", "then", "again", "once", "both", "two",
    "three", "all", "each", "side", "sides", "leaders", "leader", "parties", "heads", "state",
    "government", "ministers", "delegations", "countries", "nations", "he", "she", "they", "in",
    "turn", "for", "his", "her", "their", "part", "own", "respective", "presidents", "secretary",
    "president", "minister", "foreign", "prime", "general", "spokesperson", "too",
    "officials", "counterparts", "participants", "partners",
    "representatives", "envoys", "secretaries", "special",
]
}

words! {
    /// Pronouns that continue the previous speaker.
    SINGULAR_PRONOUNS = ["he", "she"]
}

words! {
    /// Subjects that mean every participant of the exchange.
    COLLECTIVE = [
    "they", "sides", "leaders", "parties", "heads", "presidents", "ministers", "delegations",
    "both",
    "officials", "counterparts", "participants", "partners",
    "representatives", "envoys", "secretaries",
]
}

words! {
    /// Words before a period that do not end a sentence.
    ABBREVIATIONS = [
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "No", "Gen", "Lt", "Col", "Prof", "Sen", "Rep",
    "Gov", "Amb", "Capt", "Maj", "Sgt", "Rev", "Hon", "Messrs", "Mt", "vs", "etc", "U.S", "U.K",
    "U.N", "E.U", "H.E", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
    "Nov", "Dec", "approx", "i.e", "e.g",
]
}

words! {
    /// Name particles that may stand lowercase inside a name ("Faisal bin Farhan", "Ursula von der").
    NAME_PARTICLES = [
    "bin", "bint", "ibn", "al", "el", "de", "da", "do", "dos", "das", "del", "della", "di", "du",
    "van", "von", "der", "den", "ter", "la", "le", "y", "e", "abu", "ould", "ag", "ben", "mac",
    "Jr", "Sr", "II", "III", "IV",
]
}

/// True when `word` is in `list`.
pub fn contains(list: &HashSet<&'static str>, word: &str) -> bool {
    list.contains(word)
}
