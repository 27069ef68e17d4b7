//! Hand-written word lists from which the synthetic identity graph is generated.
//!
//! Every string here is plain ASCII and free of full stops, so generated names, emails and
//! AI sentences never need escaping or trimming. Lists are order-sensitive: changing one changes
//! the graph of every seed (the fixtures excepted).

/// Given names, drawn from many cultures (ASCII spellings).
pub(crate) const FIRST_NAMES: &[&str] = &[
    "James",
    "Mary",
    "John",
    "Patricia",
    "Robert",
    "Jennifer",
    "Michael",
    "Linda",
    "William",
    "Elizabeth",
    "David",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Charles",
    "Karen",
    "Christopher",
    "Nancy",
    "Daniel",
    "Lisa",
    "Matthew",
    "Margaret",
    "Anthony",
    "Sandra",
    "Mark",
    "Ashley",
    "Steven",
    "Kimberly",
    "Paul",
    "Emily",
    "Andrew",
    "Donna",
    "Joshua",
    "Michelle",
    "Kevin",
    "Carol",
    "Brian",
    "Amanda",
    "George",
    "Melissa",
    "Edward",
    "Stephanie",
    "Ryan",
    "Rebecca",
    "Jason",
    "Laura",
    "Jacob",
    "Amy",
    "Nicholas",
    "Angela",
    "Eric",
    "Anna",
    "Stephen",
    "Emma",
    "Scott",
    "Nicole",
    "Brandon",
    "Helen",
    "Benjamin",
    "Samantha",
    "Samuel",
    "Katherine",
    "Gregory",
    "Christine",
    "Alexander",
    "Rachel",
    "Patrick",
    "Catherine",
    "Jack",
    "Maria",
    "Tyler",
    "Heather",
    "Aaron",
    "Diane",
    "Adam",
    "Olivia",
    "Nathan",
    "Julie",
    "Henry",
    "Victoria",
    "Peter",
    "Lauren",
    "Kyle",
    "Megan",
    "Noah",
    "Andrea",
    "Ethan",
    "Hannah",
    "Sean",
    "Grace",
    "Dylan",
    "Madison",
    "Jordan",
    "Abigail",
    "Gabriel",
    "Sophia",
    "Logan",
    "Natalie",
    "Dana",
    "Morgan",
    "Taylor",
    "Casey",
    "Jamie",
    "Avery",
    "Riley",
    "Quinn",
    "Cameron",
    "Alex",
    "Jose",
    "Carlos",
    "Sofia",
    "Mateo",
    "Valentina",
    "Diego",
    "Camila",
    "Lucia",
    "Javier",
    "Alejandro",
    "Gabriela",
    "Luis",
    "Ana",
    "Marco",
    "Elena",
    "Isabel",
    "Miguel",
    "Rafael",
    "Fernanda",
    "Ricardo",
    "Paula",
    "Andres",
    "Ximena",
    "Giulia",
    "Luca",
    "Francesca",
    "Matteo",
    "Chiara",
    "Alessandro",
    "Pierre",
    "Camille",
    "Louis",
    "Chloe",
    "Antoine",
    "Margaux",
    "Lukas",
    "Lena",
    "Felix",
    "Jonas",
    "Klara",
    "Sven",
    "Astrid",
    "Lars",
    "Ingrid",
    "Mikael",
    "Freya",
    "Nils",
    "Sanne",
    "Daan",
    "Kwame",
    "Ama",
    "Chidi",
    "Ngozi",
    "Oluwaseun",
    "Tunde",
    "Amara",
    "Zanele",
    "Thabo",
    "Wanjiru",
    "Kofi",
    "Adaeze",
    "Abebe",
    "Fatou",
    "Dmitri",
    "Olga",
    "Anastasia",
    "Ivan",
    "Katarzyna",
    "Piotr",
    "Tomasz",
    "Agnieszka",
    "Mehmet",
    "Elif",
    "Emre",
    "Zeynep",
    "Priya",
    "Arjun",
    "Ananya",
    "Rohan",
    "Ravi",
    "Deepa",
    "Sanjay",
    "Kavya",
    "Vikram",
    "Neha",
    "Rahul",
    "Sneha",
    "Aditya",
    "Meera",
    "Anil",
    "Lakshmi",
    "Aisha",
    "Omar",
    "Fatima",
    "Yusuf",
    "Hamza",
    "Leila",
    "Reza",
    "Nadia",
    "Tariq",
    "Yasmin",
    "Karim",
    "Layla",
    "Wei",
    "Mei",
    "Jun",
    "Xin",
    "Hui",
    "Lei",
    "Yan",
    "Hao",
    "Ying",
    "Jing",
    "Hiroshi",
    "Yuki",
    "Kenji",
    "Sakura",
    "Haruto",
    "Aiko",
    "Takeshi",
    "Emi",
    "Minjun",
    "Jiwoo",
    "Seoyeon",
    "Jisoo",
    "Hyun",
    "Thanh",
    "Linh",
    "Minh",
    "Anh",
    "Duc",
    "Mai",
    "Kai",
    "Leilani",
    "Malia",
    "Tavita",
    "Aroha",
    "Nikhil",
    "Shreya",
    "Ibrahim",
    "Noor",
    "Sami",
    "Rania",
    "Eitan",
    "Noa",
    "Yael",
    "Avi",
    "Tamar",
    "Ezra",
    "Miriam",
    "Declan",
    "Siobhan",
    "Ciaran",
    "Aoife",
    "Rhys",
    "Carys",
];

/// Family names, drawn from many cultures (ASCII spellings; two carry an apostrophe).
pub(crate) const LAST_NAMES: &[&str] = &[
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "Gomez",
    "Phillips",
    "Evans",
    "Turner",
    "Diaz",
    "Parker",
    "Cruz",
    "Edwards",
    "Collins",
    "Reyes",
    "Stewart",
    "Morris",
    "Morales",
    "Murphy",
    "Cook",
    "Rogers",
    "Gutierrez",
    "Ortiz",
    "Morgan",
    "Cooper",
    "Peterson",
    "Bailey",
    "Reed",
    "Kelly",
    "Howard",
    "Ramos",
    "Kim",
    "Cox",
    "Ward",
    "Richardson",
    "Watson",
    "Brooks",
    "Chavez",
    "Wood",
    "Bennett",
    "Gray",
    "Mendoza",
    "Ruiz",
    "Hughes",
    "Price",
    "Alvarez",
    "Castillo",
    "Sanders",
    "Patel",
    "Myers",
    "Long",
    "Ross",
    "Foster",
    "Jimenez",
    "Powell",
    "Jenkins",
    "Perry",
    "Russell",
    "Sullivan",
    "Bell",
    "Coleman",
    "Butler",
    "Henderson",
    "Barnes",
    "Fisher",
    "Vasquez",
    "Simmons",
    "Romero",
    "Patterson",
    "Hamilton",
    "Graham",
    "Reynolds",
    "Griffin",
    "Wallace",
    "Moreno",
    "West",
    "Cole",
    "Hayes",
    "Bryant",
    "Herrera",
    "Gibson",
    "Ellis",
    "Tran",
    "Medina",
    "Aguilar",
    "Stevens",
    "Murray",
    "Ford",
    "Castro",
    "Marshall",
    "Owens",
    "Harrison",
    "Fernandez",
    "McDonald",
    "Woods",
    "Kennedy",
    "Wells",
    "Vargas",
    "Chen",
    "Freeman",
    "Webb",
    "Tucker",
    "Guzman",
    "Burns",
    "Crawford",
    "Olson",
    "Simpson",
    "Porter",
    "Hunter",
    "Gordon",
    "Silva",
    "Shaw",
    "Snyder",
    "Dixon",
    "Munoz",
    "Holmes",
    "Palmer",
    "Wagner",
    "Robertson",
    "Boyd",
    "Stone",
    "Salazar",
    "Warren",
    "Meyer",
    "Schmidt",
    "Garza",
    "Ferguson",
    "Nichols",
    "Soto",
    "Weaver",
    "Ryan",
    "Gardner",
    "Grant",
    "Spencer",
    "Hawkins",
    "Pierce",
    "Hansen",
    "Santos",
    "Hart",
    "Knight",
    "Elliott",
    "Duncan",
    "Armstrong",
    "Hudson",
    "Lin",
    "Wang",
    "Zhang",
    "Liu",
    "Huang",
    "Zhao",
    "Wu",
    "Sato",
    "Suzuki",
    "Takahashi",
    "Tanaka",
    "Watanabe",
    "Yamamoto",
    "Park",
    "Choi",
    "Kang",
    "Cho",
    "Yoon",
    "Pham",
    "Le",
    "Vo",
    "Singh",
    "Kumar",
    "Sharma",
    "Gupta",
    "Reddy",
    "Iyer",
    "Nair",
    "Mehta",
    "Shah",
    "Desai",
    "Rao",
    "Raman",
    "Khan",
    "Ali",
    "Hussain",
    "Ahmed",
    "Rahman",
    "Haddad",
    "Nasser",
    "Farah",
    "Okafor",
    "Adeyemi",
    "Mensah",
    "Okonkwo",
    "Nwosu",
    "Mwangi",
    "Osei",
    "Diallo",
    "Ndlovu",
    "Tesfaye",
    "Ivanov",
    "Petrov",
    "Kowalski",
    "Novak",
    "Horvat",
    "Nowak",
    "Muller",
    "Schneider",
    "Fischer",
    "Weber",
    "Becker",
    "Rossi",
    "Russo",
    "Ferrari",
    "Esposito",
    "Bianchi",
    "Dubois",
    "Laurent",
    "Bernard",
    "Moreau",
    "Jansen",
    "Larsen",
    "Nielsen",
    "Johansson",
    "Lindqvist",
    "Berg",
    "Virtanen",
    "O'Brien",
    "O'Connor",
    "Byrne",
    "Walsh",
    "Kaur",
    "Yilmaz",
    "Demir",
    "Kaya",
    "Cohen",
    "Levi",
    "Friedman",
    "Navarro",
    "Cabrera",
    "Oliveira",
    "Souza",
    "Costa",
    "Pereira",
    "Almeida",
];

/// First halves of company names ("North" in "Northwind", "Cobalt" in "Cobalt Ridge").
pub(crate) const NAME_PREFIXES: &[&str] = &[
    "North",
    "South",
    "East",
    "West",
    "Bright",
    "Blue",
    "Cobalt",
    "Silver",
    "Iron",
    "Golden",
    "Red",
    "Green",
    "Clear",
    "Swift",
    "True",
    "High",
    "Deep",
    "Black",
    "White",
    "Amber",
    "Azure",
    "Cedar",
    "Oak",
    "Pine",
    "Maple",
    "Birch",
    "Willow",
    "Aspen",
    "Sage",
    "Juniper",
    "Harbor",
    "River",
    "Lake",
    "Ocean",
    "Summit",
    "Granite",
    "Copper",
    "Crimson",
    "Indigo",
    "Violet",
    "Scarlet",
    "Emerald",
    "Sapphire",
    "Onyx",
    "Jade",
    "Pearl",
    "Coral",
    "Sun",
    "Moon",
    "Star",
    "Sky",
    "Cloud",
    "Rain",
    "Snow",
    "Frost",
    "Storm",
    "Thunder",
    "Bold",
    "Brave",
    "Noble",
    "Prime",
    "Apex",
    "Vertex",
    "Zenith",
    "Nova",
    "Astra",
    "Sol",
    "Luna",
    "Terra",
    "Aqua",
    "Ember",
    "Flame",
    "Spark",
    "Glow",
    "Beacon",
    "Lumen",
    "Prism",
    "Quartz",
    "Crystal",
    "Silk",
    "Velvet",
    "Linen",
    "Canvas",
    "Paper",
    "Ink",
    "Quill",
    "Anchor",
    "Compass",
    "Atlas",
    "Meridian",
    "Horizon",
    "Vista",
    "Echo",
    "Pulse",
    "Signal",
    "Vector",
    "Orbit",
    "Quantum",
    "Fusion",
    "Nimbus",
    "Stratus",
    "Falcon",
    "Hawk",
    "Eagle",
    "Raven",
    "Wren",
    "Finch",
    "Robin",
    "Heron",
    "Fox",
    "Wolf",
    "Bear",
    "Lynx",
    "Otter",
    "Badger",
    "Elk",
    "Bison",
    "Lion",
    "Cardinal",
    "Sparrow",
    "Kestrel",
    "Osprey",
    "Pelican",
    "Marlin",
    "Orca",
    "Trident",
    "Keystone",
    "Cornerstone",
    "Landmark",
    "Milestone",
    "Tandem",
    "Kindred",
    "Evergreen",
    "Ever",
    "Fair",
    "Good",
    "Open",
    "Grand",
    "Great",
    "Mill",
    "Old",
    "New",
    "Far",
    "Wild",
    "Still",
    "Quiet",
    "Rapid",
    "Steady",
    "Lucid",
    "Vivid",
    "Rocky",
    "Misty",
    "Sterling",
    "Bay",
    "Hollow",
];

/// Second halves of company names ("wind" in "Northwind", "Ridge" in "Cobalt Ridge").
pub(crate) const NAME_SUFFIXES: &[&str] = &[
    "wind", "loom", "ridge", "field", "stone", "works", "gate", "bridge", "path", "haven", "crest",
    "light", "spring", "wave", "point", "line", "forge", "mark", "vale", "brook", "wood", "star",
    "peak", "leaf", "shore", "port", "rock", "well", "ford", "view", "side", "land", "hill",
    "dale", "glen", "grove", "meadow", "moor", "reach", "run", "creek", "falls", "isle", "cove",
    "canyon", "mesa", "trail", "way", "quest", "scape", "craft", "smith", "wright", "yard",
    "house", "hall", "tower", "bound", "fire", "flow", "flux", "beam", "bolt", "arc", "core",
    "cast", "link", "net", "sense", "mind", "logic", "byte", "stack", "base", "grid", "hub", "lab",
    "sphere", "scope", "shift", "sight", "sync", "tide", "tree", "root", "seed", "bloom", "petal",
    "wing", "feather", "nest", "lane", "stead", "ton", "wick", "worth", "bury", "water", "rise",
    "fall", "gard", "heart", "mont", "vine", "berry", "cliff", "dune", "fjord", "harbor", "key",
    "lock", "keel", "mast", "sail", "anchor", "helm", "deck", "beacon", "lamp", "glass", "iron",
    "steel", "silver", "gold", "copper", "pine", "oak", "ash", "elm", "fern", "moss", "sage",
    "thistle", "clover", "acre", "spark", "pulse", "signal", "frame", "form", "shape", "ware",
    "loop", "mesh", "thread", "weave", "knot", "stitch", "span", "arch",
];

/// An industry profile: the primary industry plus what its companies sell and how they look.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Industry {
    /// ZoomInfo-style primary industry.
    pub(crate) name: &'static str,
    /// Sub-industries.
    pub(crate) subs: &'static [&'static str],
    /// Words that end company names in this industry ("Analytics", "Logistics").
    pub(crate) descriptors: &'static [&'static str],
    /// Verb phrases describing what such a company does ("builds route-planning software").
    pub(crate) offerings: &'static [&'static str],
    /// Customer segments ("mid-market shippers").
    pub(crate) customers: &'static [&'static str],
    /// Product nouns for launch news ("dispatch planner").
    pub(crate) products: &'static [&'static str],
    /// Typical revenue per employee, in thousands of US dollars.
    pub(crate) revenue_per_employee_k: u64,
    /// Typical year-over-year headcount growth, in tenths of a percent.
    pub(crate) growth_median_tenths: i64,
    /// Whether the industry is technology-centric (domains, tech stacks, venture funding).
    pub(crate) tech: bool,
    /// Relative frequency among generated companies.
    pub(crate) weight: u32,
}

/// Shorthand for declaring an [`Industry`].
macro_rules! industry {
    ($name:literal, [$($sub:literal),*], [$($d:literal),*], [$($o:literal),*], [$($c:literal),*], [$($p:literal),*], $rpe:literal, $g:literal, $tech:literal, $w:literal) => {
        Industry {
            name: $name,
            subs: &[$($sub),*],
            descriptors: &[$($d),*],
            offerings: &[$($o),*],
            customers: &[$($c),*],
            products: &[$($p),*],
            revenue_per_employee_k: $rpe,
            growth_median_tenths: $g,
            tech: $tech,
            weight: $w,
        }
    };
}

/// The industries of the graph (index 0 is Software, which the Northwind fixture uses).
pub(crate) const INDUSTRIES: &[Industry] = &[
    industry!(
        "Software",
        [
            "CRM Software",
            "Supply Chain Management Software",
            "Business Intelligence (BI) Software",
            "Financial Software",
            "Human Resources Software",
            "Security Software",
            "Healthcare Software",
            "Engineering Software"
        ],
        [
            "Software",
            "Labs",
            "Systems",
            "Cloud",
            "Technologies",
            "AI",
            "Analytics",
            "Data"
        ],
        [
            "builds workflow automation software",
            "develops a cloud analytics platform",
            "makes planning and forecasting software",
            "offers a customer data platform",
            "builds AI copilots for operations teams",
            "develops API-first billing software"
        ],
        [
            "mid-market SaaS companies",
            "enterprise IT teams",
            "finance and operations leaders",
            "fast-growing startups"
        ],
        [
            "analytics workspace",
            "AI assistant",
            "forecasting module",
            "integration hub",
            "mobile app"
        ],
        260,
        140,
        true,
        14
    ),
    industry!(
        "IT Services & Consulting",
        [
            "Managed IT Services",
            "Cloud Consulting",
            "Systems Integration",
            "IT Staff Augmentation"
        ],
        [
            "Consulting",
            "Solutions",
            "Group",
            "Partners",
            "Digital",
            "IT"
        ],
        [
            "provides managed IT and cloud migration services",
            "implements ERP and CRM systems",
            "runs outsourced help-desk and infrastructure operations"
        ],
        [
            "regional banks",
            "public-sector agencies",
            "mid-sized manufacturers",
            "healthcare networks"
        ],
        [
            "managed security service",
            "cloud cost practice",
            "modernization program"
        ],
        150,
        70,
        true,
        6
    ),
    industry!(
        "Cybersecurity",
        [
            "Network Security",
            "Identity & Access Management",
            "Endpoint Security",
            "Security Operations"
        ],
        ["Security", "Cyber", "Defense", "Shield", "Labs"],
        [
            "builds identity and access management tools",
            "provides managed detection and response",
            "develops cloud security posture software"
        ],
        [
            "regulated enterprises",
            "financial institutions",
            "federal contractors",
            "mid-market IT teams"
        ],
        [
            "threat detection engine",
            "zero-trust gateway",
            "incident response service"
        ],
        240,
        160,
        true,
        4
    ),
    industry!(
        "Media & Internet",
        [
            "Online Publishing",
            "Social Networks",
            "Digital Media",
            "Search & Discovery"
        ],
        ["Media", "Digital", "Studios", "Network", "Interactive"],
        [
            "publishes digital content and newsletters",
            "runs an online marketplace for creators",
            "operates a network of niche media sites"
        ],
        [
            "advertisers",
            "independent creators",
            "consumer audiences",
            "brand marketers"
        ],
        ["podcast network", "creator marketplace", "ad platform"],
        220,
        60,
        true,
        3
    ),
    industry!(
        "Telecommunications",
        [
            "Wireless Services",
            "Internet Service Providers",
            "Telephony & Unified Communications",
            "Fiber Networks"
        ],
        ["Telecom", "Networks", "Communications", "Wireless", "Fiber"],
        [
            "operates regional fiber and wireless networks",
            "provides cloud telephony and contact-center services",
            "builds private 5G networks"
        ],
        [
            "rural communities",
            "enterprise campuses",
            "contact centers",
            "small businesses"
        ],
        ["fiber service", "cloud phone system", "5G offering"],
        380,
        20,
        true,
        2
    ),
    industry!(
        "Financial Services",
        [
            "Investment Management",
            "Payments",
            "Lending & Brokerage",
            "Wealth Management"
        ],
        [
            "Capital",
            "Financial",
            "Advisors",
            "Partners",
            "Wealth",
            "Pay"
        ],
        [
            "provides wealth management and advisory services",
            "runs a B2B payments platform",
            "offers small-business lending"
        ],
        [
            "high-net-worth families",
            "small businesses",
            "institutional investors",
            "credit unions"
        ],
        ["payments API", "advisory portal", "lending product"],
        420,
        50,
        false,
        5
    ),
    industry!(
        "Banking",
        [
            "Commercial Banking",
            "Retail Banking",
            "Credit Unions",
            "Digital Banking"
        ],
        ["Bank", "Bancorp", "Trust", "Savings", "Credit Union"],
        [
            "offers commercial and retail banking",
            "runs a digital-first bank for small businesses",
            "provides treasury management services"
        ],
        [
            "local businesses",
            "families",
            "agricultural producers",
            "nonprofits"
        ],
        [
            "mobile banking app",
            "treasury portal",
            "business checking account"
        ],
        450,
        20,
        false,
        2
    ),
    industry!(
        "Insurance",
        [
            "Property & Casualty Insurance",
            "Life & Health Insurance",
            "Insurance Brokerage",
            "Insurtech"
        ],
        ["Insurance", "Mutual", "Assurance", "Underwriters", "Risk"],
        [
            "underwrites commercial property and casualty insurance",
            "brokers employee benefits plans",
            "sells usage-based auto insurance"
        ],
        [
            "small businesses",
            "homeowners",
            "employers",
            "fleet operators"
        ],
        [
            "claims app",
            "cyber insurance product",
            "benefits marketplace"
        ],
        480,
        30,
        false,
        3
    ),
    industry!(
        "Real Estate",
        [
            "Commercial Real Estate",
            "Property Management",
            "Real Estate Brokerage",
            "Real Estate Investment Trusts"
        ],
        [
            "Properties",
            "Realty",
            "Real Estate",
            "Development",
            "Estates"
        ],
        [
            "manages multifamily and commercial properties",
            "develops mixed-use real estate",
            "runs a residential brokerage"
        ],
        [
            "renters",
            "office tenants",
            "home buyers",
            "institutional landlords"
        ],
        ["tenant app", "leasing program", "property portfolio"],
        300,
        30,
        false,
        4
    ),
    industry!(
        "Construction",
        [
            "Commercial Construction",
            "Residential Construction",
            "Civil Engineering & Infrastructure",
            "Specialty Trade Contractors"
        ],
        [
            "Construction",
            "Builders",
            "Contracting",
            "Build",
            "Structures"
        ],
        [
            "builds commercial and healthcare facilities",
            "delivers civil infrastructure projects",
            "provides electrical and mechanical contracting"
        ],
        [
            "hospital systems",
            "municipalities",
            "developers",
            "school districts"
        ],
        ["prefab division", "safety program", "design-build practice"],
        280,
        40,
        false,
        5
    ),
    industry!(
        "Manufacturing",
        [
            "Industrial Manufacturing",
            "Plastics & Packaging",
            "Metal Fabrication",
            "Contract Manufacturing"
        ],
        [
            "Manufacturing",
            "Industries",
            "Products",
            "Fabrication",
            "Works"
        ],
        [
            "manufactures precision metal components",
            "produces sustainable packaging",
            "runs contract manufacturing for consumer brands"
        ],
        [
            "automotive suppliers",
            "consumer brands",
            "aerospace primes",
            "food producers"
        ],
        [
            "product line",
            "recycled packaging range",
            "production facility"
        ],
        320,
        20,
        false,
        6
    ),
    industry!(
        "Industrial Machinery & Equipment",
        [
            "Industrial Automation",
            "Heavy Equipment",
            "HVAC Equipment",
            "Robotics"
        ],
        [
            "Machinery",
            "Equipment",
            "Automation",
            "Robotics",
            "Dynamics"
        ],
        [
            "designs industrial automation equipment",
            "builds warehouse robotics",
            "makes commercial HVAC systems"
        ],
        [
            "distribution centers",
            "factories",
            "facility managers",
            "utilities"
        ],
        ["robotic picker", "controller", "service plan"],
        340,
        40,
        false,
        3
    ),
    industry!(
        "Automotive",
        [
            "Auto Parts",
            "Electric Vehicles",
            "Dealerships",
            "Fleet Services"
        ],
        ["Motors", "Automotive", "Mobility", "Auto", "EV"],
        [
            "supplies parts to automotive OEMs",
            "builds electric delivery vehicles",
            "runs a network of dealerships"
        ],
        [
            "fleet operators",
            "car buyers",
            "OEMs",
            "logistics companies"
        ],
        ["electric van", "charging service", "parts catalog"],
        400,
        30,
        false,
        2
    ),
    industry!(
        "Aerospace & Defense",
        [
            "Aircraft Components",
            "Space Technology",
            "Defense Contracting",
            "Drones"
        ],
        ["Aerospace", "Aviation", "Space", "Defense", "Dynamics"],
        [
            "manufactures aircraft components",
            "builds small satellites",
            "develops autonomous drones"
        ],
        [
            "airlines",
            "defense agencies",
            "space agencies",
            "aircraft OEMs"
        ],
        ["satellite bus", "drone platform", "avionics suite"],
        360,
        60,
        true,
        1
    ),
    industry!(
        "Chemicals",
        [
            "Specialty Chemicals",
            "Industrial Gases",
            "Agricultural Chemicals",
            "Coatings"
        ],
        [
            "Chemicals",
            "Materials",
            "Chemistry",
            "Polymers",
            "Coatings"
        ],
        [
            "produces specialty coatings and adhesives",
            "makes bio-based chemicals",
            "supplies industrial gases"
        ],
        [
            "manufacturers",
            "farmers",
            "construction firms",
            "electronics makers"
        ],
        ["bio-based resin", "coating line", "adhesive range"],
        550,
        10,
        false,
        1
    ),
    industry!(
        "Consumer Products",
        ["Personal Care", "Home Goods", "Apparel", "Sporting Goods"],
        ["Goods", "Brands", "Outfitters", "Supply", "Trading"],
        [
            "sells direct-to-consumer home goods",
            "designs outdoor apparel",
            "makes clean personal care products"
        ],
        [
            "outdoor enthusiasts",
            "young families",
            "big-box retailers",
            "online shoppers"
        ],
        ["product line", "subscription box", "collection"],
        300,
        50,
        false,
        4
    ),
    industry!(
        "Food & Beverage",
        [
            "Packaged Foods",
            "Beverages",
            "Breweries & Distilleries",
            "Food Distribution"
        ],
        ["Foods", "Kitchen", "Provisions", "Beverage", "Farms"],
        [
            "makes packaged snacks and pantry staples",
            "brews craft beverages",
            "distributes fresh food to restaurants"
        ],
        [
            "grocery chains",
            "restaurants",
            "convenience stores",
            "health-conscious shoppers"
        ],
        ["snack line", "sparkling beverage", "distribution route"],
        350,
        30,
        false,
        4
    ),
    industry!(
        "Retail",
        [
            "Specialty Retail",
            "Grocery",
            "Department Stores",
            "Home Improvement"
        ],
        ["Market", "Stores", "Shop", "Mercantile", "Supply"],
        [
            "operates specialty retail stores",
            "runs a regional grocery chain",
            "sells home improvement supplies"
        ],
        ["local shoppers", "contractors", "families", "hobbyists"],
        ["loyalty program", "store format", "online store"],
        200,
        20,
        false,
        5
    ),
    industry!(
        "E-commerce",
        [
            "Online Marketplaces",
            "Direct-to-Consumer",
            "Subscription Commerce",
            "Resale & Recommerce"
        ],
        ["Commerce", "Shop", "Marketplace", "Direct", "Cart"],
        [
            "runs an online marketplace for independent sellers",
            "sells direct-to-consumer subscriptions",
            "operates a resale platform"
        ],
        [
            "independent sellers",
            "online shoppers",
            "small brands",
            "collectors"
        ],
        ["seller app", "membership program", "resale marketplace"],
        380,
        90,
        true,
        3
    ),
    industry!(
        "Restaurants",
        [
            "Quick Service Restaurants",
            "Casual Dining",
            "Catering",
            "Restaurant Technology"
        ],
        ["Kitchen", "Eatery", "Grill", "Hospitality", "Cafe"],
        [
            "operates fast-casual restaurants",
            "runs a catering and events business",
            "franchises neighborhood cafes"
        ],
        ["diners", "office managers", "event planners", "franchisees"],
        ["loyalty app", "catering menu", "restaurant concept"],
        70,
        40,
        false,
        3
    ),
    industry!(
        "Hospitality",
        [
            "Hotels & Resorts",
            "Travel Agencies",
            "Event Venues",
            "Vacation Rentals"
        ],
        ["Hospitality", "Hotels", "Resorts", "Travel", "Stays"],
        [
            "operates boutique hotels",
            "manages vacation rentals",
            "runs corporate travel programs"
        ],
        [
            "business travelers",
            "vacationers",
            "event organizers",
            "corporate travel managers"
        ],
        ["booking app", "loyalty program", "hotel property"],
        90,
        50,
        false,
        3
    ),
    industry!(
        "Transportation & Logistics",
        [
            "Freight & Logistics Services",
            "Trucking",
            "Warehousing",
            "Last-Mile Delivery"
        ],
        ["Logistics", "Freight", "Transport", "Shipping", "Express"],
        [
            "provides freight brokerage and trucking",
            "runs third-party warehousing",
            "offers last-mile delivery"
        ],
        ["shippers", "e-commerce brands", "manufacturers", "grocers"],
        [
            "freight tracking portal",
            "cross-dock facility",
            "delivery service"
        ],
        230,
        40,
        false,
        5
    ),
    industry!(
        "Healthcare Services",
        [
            "Home Health Care",
            "Behavioral Health",
            "Medical Laboratories",
            "Telehealth"
        ],
        ["Health", "Care", "Medical", "Wellness", "Clinic"],
        [
            "provides home health and hospice care",
            "runs a telehealth network",
            "operates outpatient behavioral health clinics"
        ],
        ["patients", "health plans", "employers", "seniors"],
        ["telehealth service", "care program", "patient app"],
        120,
        60,
        false,
        5
    ),
    industry!(
        "Hospitals & Physicians Clinics",
        [
            "General Hospitals",
            "Medical Specialists",
            "Dental Offices",
            "Urgent Care"
        ],
        [
            "Health",
            "Medical Center",
            "Clinic",
            "Physicians",
            "Hospital"
        ],
        [
            "operates community hospitals and clinics",
            "runs a multi-specialty physician group",
            "manages urgent care centers"
        ],
        ["patients", "local communities", "health plans", "employers"],
        ["clinic", "care pathway", "patient portal"],
        140,
        30,
        false,
        4
    ),
    industry!(
        "Pharmaceuticals",
        [
            "Generic Drugs",
            "Specialty Pharmaceuticals",
            "Drug Delivery",
            "Contract Research"
        ],
        [
            "Pharma",
            "Therapeutics",
            "Pharmaceuticals",
            "Rx",
            "Sciences"
        ],
        [
            "develops specialty therapeutics",
            "manufactures generic medicines",
            "runs contract research for drug makers"
        ],
        [
            "hospitals",
            "pharmacies",
            "drug developers",
            "specialty clinics"
        ],
        ["therapy", "formulation", "clinical program"],
        600,
        30,
        false,
        2
    ),
    industry!(
        "Biotechnology",
        [
            "Gene Therapy",
            "Diagnostics",
            "Synthetic Biology",
            "Biomanufacturing"
        ],
        ["Bio", "Biosciences", "Therapeutics", "Genomics", "Labs"],
        [
            "develops gene therapies for rare diseases",
            "builds rapid diagnostic tests",
            "engineers microbes for sustainable materials"
        ],
        [
            "research hospitals",
            "pharma partners",
            "clinical labs",
            "materials companies"
        ],
        ["diagnostic assay", "therapy candidate", "lab platform"],
        350,
        110,
        true,
        3
    ),
    industry!(
        "Medical Devices",
        [
            "Surgical Devices",
            "Diagnostic Imaging",
            "Wearables",
            "Orthopedics"
        ],
        ["Medical", "Devices", "Surgical", "Instruments", "Health"],
        [
            "designs minimally invasive surgical tools",
            "makes remote patient monitoring wearables",
            "builds portable imaging systems"
        ],
        ["hospitals", "surgeons", "home-care providers", "clinics"],
        ["wearable monitor", "surgical system", "imaging device"],
        380,
        70,
        true,
        2
    ),
    industry!(
        "Education",
        [
            "K-12 Schools",
            "Colleges & Universities",
            "Education Technology",
            "Training & Certification"
        ],
        ["Academy", "Learning", "Education", "Institute", "School"],
        [
            "runs online professional training",
            "builds classroom learning software",
            "operates private schools"
        ],
        [
            "school districts",
            "universities",
            "working professionals",
            "corporate L&D teams"
        ],
        ["course catalog", "learning app", "certification program"],
        100,
        50,
        false,
        4
    ),
    industry!(
        "Energy, Utilities & Waste",
        [
            "Electric Utilities",
            "Oil & Gas",
            "Water Utilities",
            "Waste Management"
        ],
        ["Energy", "Power", "Utilities", "Resources", "Environmental"],
        [
            "operates regional power and gas utilities",
            "provides commercial waste and recycling services",
            "manages water infrastructure"
        ],
        [
            "municipalities",
            "industrial customers",
            "households",
            "commercial buildings"
        ],
        ["recycling program", "grid service", "treatment facility"],
        700,
        10,
        false,
        2
    ),
    industry!(
        "Renewable Energy",
        ["Solar", "Wind", "Energy Storage", "EV Charging"],
        ["Solar", "Renewables", "Power", "Energy", "Grid"],
        [
            "develops community solar projects",
            "builds battery storage systems",
            "installs EV charging networks"
        ],
        [
            "utilities",
            "commercial property owners",
            "municipalities",
            "fleet operators"
        ],
        ["battery system", "solar farm", "charging network"],
        420,
        120,
        true,
        2
    ),
    industry!(
        "Agriculture",
        ["Crop Production", "Agtech", "Livestock", "Farm Equipment"],
        ["Farms", "Agriculture", "Harvest", "Growers", "Ag"],
        [
            "grows and packs fresh produce",
            "builds precision agriculture sensors",
            "supplies farm equipment"
        ],
        ["grocers", "growers", "food processors", "cooperatives"],
        ["sensor kit", "produce line", "irrigation system"],
        250,
        30,
        false,
        2
    ),
    industry!(
        "Law Firms & Legal Services",
        [
            "Corporate Law",
            "Intellectual Property Law",
            "Litigation",
            "Legal Technology"
        ],
        ["Law", "Legal", "LLP", "Counsel", "Advocates"],
        [
            "advises companies on corporate and IP law",
            "provides litigation support",
            "runs an alternative legal services practice"
        ],
        [
            "startups",
            "corporate legal teams",
            "investors",
            "inventors"
        ],
        ["practice group", "contract review service", "IP practice"],
        300,
        30,
        false,
        3
    ),
    industry!(
        "Business Services",
        [
            "Management Consulting",
            "Accounting",
            "Facilities Services",
            "Translation & Localization"
        ],
        ["Consulting", "Advisory", "Group", "Associates", "Services"],
        [
            "provides management consulting",
            "offers outsourced accounting and tax services",
            "runs facilities management"
        ],
        [
            "private equity portfolio companies",
            "family businesses",
            "corporate finance teams",
            "property owners"
        ],
        ["advisory practice", "outsourcing offer", "service line"],
        180,
        40,
        false,
        6
    ),
    industry!(
        "Marketing & Advertising",
        [
            "Advertising Agencies",
            "Digital Marketing",
            "Public Relations",
            "Market Research"
        ],
        ["Creative", "Agency", "Media", "Marketing", "Collective"],
        [
            "runs performance marketing campaigns",
            "provides brand strategy and creative services",
            "conducts market research"
        ],
        [
            "consumer brands",
            "B2B tech companies",
            "healthcare marketers",
            "retailers"
        ],
        ["creative studio", "analytics service", "research panel"],
        170,
        50,
        false,
        4
    ),
    industry!(
        "Staffing & Recruiting",
        [
            "Executive Search",
            "Temporary Staffing",
            "IT Staffing",
            "Recruitment Process Outsourcing"
        ],
        ["Staffing", "Talent", "Recruiting", "Search", "People"],
        [
            "places technology contractors",
            "runs executive search",
            "provides light-industrial staffing"
        ],
        [
            "hiring managers",
            "warehouses",
            "tech companies",
            "hospitals"
        ],
        ["talent marketplace", "search practice", "staffing branch"],
        110,
        40,
        false,
        3
    ),
    industry!(
        "Government",
        [
            "Local Government",
            "State Agencies",
            "Public Safety",
            "Transit Authorities"
        ],
        ["Authority", "County", "Agency", "Department", "District"],
        [
            "delivers public services to residents",
            "operates regional transit",
            "runs public safety programs"
        ],
        ["residents", "local businesses", "commuters", "visitors"],
        ["resident portal", "transit line", "service program"],
        130,
        10,
        false,
        2
    ),
    industry!(
        "Non-Profit Organizations",
        [
            "Charitable Organizations",
            "Foundations",
            "Membership Organizations",
            "Religious Organizations"
        ],
        ["Foundation", "Alliance", "Association", "Fund", "Society"],
        [
            "funds community health programs",
            "supports workforce development",
            "advocates for environmental conservation"
        ],
        ["local communities", "members", "donors", "volunteers"],
        ["grant program", "member portal", "campaign"],
        90,
        20,
        false,
        3
    ),
    industry!(
        "Architecture & Engineering",
        [
            "Architecture",
            "Structural Engineering",
            "Environmental Engineering",
            "Urban Planning"
        ],
        ["Architects", "Engineering", "Design", "Studio", "Planning"],
        [
            "designs sustainable commercial buildings",
            "provides structural and civil engineering",
            "plans transit-oriented developments"
        ],
        ["developers", "cities", "universities", "hospital systems"],
        ["design studio", "engineering practice", "planning service"],
        170,
        30,
        false,
        3
    ),
    industry!(
        "Gaming & Entertainment",
        ["Video Games", "Film & Television", "Live Events", "Music"],
        ["Games", "Studios", "Entertainment", "Pictures", "Play"],
        [
            "develops mobile and console games",
            "produces streaming series",
            "promotes live music events"
        ],
        ["gamers", "streaming platforms", "fans", "brands"],
        ["game title", "streaming series", "festival"],
        300,
        60,
        true,
        2
    ),
    industry!(
        "Semiconductors & Electronics",
        [
            "Semiconductors",
            "Electronic Components",
            "Consumer Electronics",
            "Sensors"
        ],
        [
            "Semiconductor",
            "Electronics",
            "Microsystems",
            "Devices",
            "Silicon"
        ],
        [
            "designs low-power chips",
            "makes industrial sensors",
            "builds consumer audio electronics"
        ],
        [
            "device makers",
            "automotive suppliers",
            "industrial OEMs",
            "consumers"
        ],
        ["chip", "sensor module", "audio device"],
        450,
        80,
        true,
        2
    ),
    industry!(
        "Minerals & Mining",
        [
            "Metals Mining",
            "Aggregates",
            "Mining Services",
            "Critical Minerals"
        ],
        ["Mining", "Minerals", "Resources", "Metals", "Quarry"],
        [
            "mines copper and critical minerals",
            "supplies construction aggregates",
            "provides drilling services"
        ],
        [
            "smelters",
            "construction firms",
            "battery makers",
            "mining operators"
        ],
        ["mine", "processing plant", "drilling contract"],
        650,
        10,
        false,
        1
    ),
];

/// Management levels, exactly as ZoomInfo spells them, most senior first.
pub(crate) const MANAGEMENT_LEVELS: &[&str] = &[
    "Board Member",
    "C Level Exec",
    "VP Level Exec",
    "Director",
    "Manager",
    "Non Manager",
];

/// A department: its job functions and titles per management level (C, VP, Director, Manager,
/// Non Manager).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Department {
    /// ZoomInfo department name.
    pub(crate) name: &'static str,
    /// Job functions within the department.
    pub(crate) functions: &'static [&'static str],
    /// Titles per management level: index 0 C-level, 1 VP, 2 Director, 3 Manager, 4 Non Manager.
    pub(crate) titles: [&'static [&'static str]; 5],
    /// Relative frequency among generated contacts.
    pub(crate) weight: u32,
}

/// Departments with their titles.
pub(crate) const DEPARTMENTS: &[Department] = &[
    Department {
        name: "C-Suite",
        functions: &["Executive"],
        titles: [
            &[
                "Chief Executive Officer",
                "Founder & CEO",
                "President",
                "Co-Founder & CEO",
            ],
            &[
                "Executive Vice President",
                "Senior Vice President, Strategy",
            ],
            &["Chief of Staff", "Director of Strategy"],
            &["Executive Operations Manager"],
            &[
                "Executive Assistant to the CEO",
                "Executive Business Partner",
            ],
        ],
        weight: 3,
    },
    Department {
        name: "Sales",
        functions: &[
            "Sales",
            "Sales Operations",
            "Business Development",
            "Account Management",
        ],
        titles: [
            &["Chief Revenue Officer", "Chief Sales Officer"],
            &[
                "VP of Sales",
                "VP of Revenue Operations",
                "VP of Business Development",
                "SVP of Global Sales",
            ],
            &[
                "Director of Sales",
                "Director of Sales Operations",
                "Director of Partnerships",
                "Regional Sales Director",
            ],
            &[
                "Sales Manager",
                "Revenue Operations Manager",
                "Account Manager",
                "Enablement Manager",
            ],
            &[
                "Account Executive",
                "Senior Account Executive",
                "Sales Development Representative",
                "Business Development Representative",
            ],
        ],
        weight: 18,
    },
    Department {
        name: "Marketing",
        functions: &[
            "Marketing",
            "Demand Generation",
            "Product Marketing",
            "Brand & Communications",
        ],
        titles: [
            &["Chief Marketing Officer"],
            &["VP of Marketing", "VP of Demand Generation", "VP of Brand"],
            &[
                "Director of Marketing",
                "Director of Product Marketing",
                "Director of Demand Generation",
            ],
            &[
                "Marketing Manager",
                "Content Marketing Manager",
                "Field Marketing Manager",
                "Marketing Operations Manager",
            ],
            &[
                "Marketing Specialist",
                "Growth Marketer",
                "Marketing Coordinator",
                "Social Media Specialist",
            ],
        ],
        weight: 12,
    },
    Department {
        name: "Engineering & Technical",
        functions: &[
            "Software Development",
            "Product Management",
            "Data Science",
            "Quality Assurance",
        ],
        titles: [
            &["Chief Technology Officer", "Chief Product Officer"],
            &["VP of Engineering", "VP of Product", "VP of Data"],
            &[
                "Director of Engineering",
                "Director of Product Management",
                "Director of Data Science",
            ],
            &[
                "Engineering Manager",
                "Product Manager",
                "Data Science Manager",
                "QA Manager",
            ],
            &[
                "Software Engineer",
                "Senior Software Engineer",
                "Data Scientist",
                "Staff Engineer",
                "QA Engineer",
            ],
        ],
        weight: 18,
    },
    Department {
        name: "Finance",
        functions: &[
            "Finance",
            "Accounting",
            "Financial Planning & Analysis",
            "Procurement",
        ],
        titles: [
            &["Chief Financial Officer"],
            &["VP of Finance", "VP of Procurement"],
            &["Director of Finance", "Controller", "Director of FP&A"],
            &[
                "Finance Manager",
                "Accounting Manager",
                "Procurement Manager",
            ],
            &[
                "Financial Analyst",
                "Senior Accountant",
                "Buyer",
                "Payroll Specialist",
            ],
        ],
        weight: 9,
    },
    Department {
        name: "Human Resources",
        functions: &["Human Resources", "Recruiting", "Learning & Development"],
        titles: [
            &["Chief People Officer", "Chief Human Resources Officer"],
            &["VP of People", "VP of Talent"],
            &[
                "Director of Human Resources",
                "Director of Talent Acquisition",
            ],
            &["HR Manager", "Recruiting Manager", "HR Business Partner"],
            &["Recruiter", "HR Generalist", "People Operations Specialist"],
        ],
        weight: 7,
    },
    Department {
        name: "Operations",
        functions: &[
            "Operations",
            "Supply Chain",
            "Customer Success",
            "Facilities",
        ],
        titles: [
            &["Chief Operating Officer"],
            &[
                "VP of Operations",
                "VP of Customer Success",
                "VP of Supply Chain",
            ],
            &[
                "Director of Operations",
                "Director of Customer Success",
                "Director of Logistics",
            ],
            &[
                "Operations Manager",
                "Customer Success Manager",
                "Supply Chain Manager",
                "Facilities Manager",
            ],
            &[
                "Operations Analyst",
                "Customer Success Specialist",
                "Logistics Coordinator",
                "Support Specialist",
            ],
        ],
        weight: 16,
    },
    Department {
        name: "Information Technology",
        functions: &["IT", "Information Security", "IT Infrastructure"],
        titles: [
            &[
                "Chief Information Officer",
                "Chief Information Security Officer",
            ],
            &["VP of IT", "VP of Information Security"],
            &[
                "Director of IT",
                "Director of Security",
                "Director of Infrastructure",
            ],
            &["IT Manager", "Security Manager", "Network Manager"],
            &[
                "Systems Administrator",
                "Security Analyst",
                "IT Support Specialist",
                "Cloud Engineer",
            ],
        ],
        weight: 8,
    },
    Department {
        name: "Legal",
        functions: &["Legal", "Compliance"],
        titles: [
            &["General Counsel", "Chief Legal Officer"],
            &["VP of Legal", "VP of Compliance"],
            &["Director of Legal", "Director of Compliance"],
            &["Legal Operations Manager", "Compliance Manager"],
            &["Corporate Counsel", "Paralegal", "Compliance Analyst"],
        ],
        weight: 3,
    },
];

/// Board-level titles (department C-Suite, function "Board of Directors").
pub(crate) const BOARD_TITLES: &[&str] = &[
    "Board Member",
    "Independent Director",
    "Chairman of the Board",
    "Board Advisor",
];

/// A city with its region, country and number formats (`#` digit, `N` digit 2-9, `A` capital
/// letter).
#[derive(Debug, Clone, Copy)]
pub(crate) struct City {
    /// City name.
    pub(crate) name: &'static str,
    /// State, province or region, spelled out.
    pub(crate) state: &'static str,
    /// Short state/region code ("WA"), or the region again where none is customary.
    pub(crate) state_code: &'static str,
    /// Country.
    pub(crate) country: &'static str,
    /// Metro area.
    pub(crate) metro: &'static str,
    /// Postal code pattern.
    pub(crate) zip: &'static str,
    /// Landline pattern.
    pub(crate) phone: &'static str,
    /// Mobile pattern.
    pub(crate) mobile: &'static str,
    /// Relative frequency among generated companies.
    pub(crate) weight: u32,
}

/// Shorthand for declaring a US [`City`].
macro_rules! us {
    ($name:literal, $state:literal, $code:literal, $metro:literal, $zip:literal, $area:literal, $w:literal) => {
        City {
            name: $name,
            state: $state,
            state_code: $code,
            country: "United States",
            metro: $metro,
            zip: $zip,
            phone: concat!("(", $area, ") N##-####"),
            mobile: concat!("(", $area, ") 5##-####"),
            weight: $w,
        }
    };
}

/// Shorthand for declaring a non-US [`City`].
macro_rules! intl {
    ($name:literal, $state:literal, $code:literal, $country:literal, $metro:literal, $zip:literal, $phone:literal, $mobile:literal, $w:literal) => {
        City {
            name: $name,
            state: $state,
            state_code: $code,
            country: $country,
            metro: $metro,
            zip: $zip,
            phone: $phone,
            mobile: $mobile,
            weight: $w,
        }
    };
}

/// Cities (index 0 is Seattle and index 3 San Francisco, the fixtures' cities).
pub(crate) const CITIES: &[City] = &[
    us!(
        "Seattle",
        "Washington",
        "WA",
        "Seattle-Tacoma-Bellevue",
        "981##",
        "206",
        12
    ),
    us!(
        "Bellevue",
        "Washington",
        "WA",
        "Seattle-Tacoma-Bellevue",
        "980##",
        "425",
        4
    ),
    us!(
        "Portland",
        "Oregon",
        "OR",
        "Portland-Vancouver-Hillsboro",
        "972##",
        "503",
        6
    ),
    us!(
        "San Francisco",
        "California",
        "CA",
        "San Francisco-Oakland-Berkeley",
        "941##",
        "415",
        16
    ),
    us!(
        "San Jose",
        "California",
        "CA",
        "San Jose-Sunnyvale-Santa Clara",
        "951##",
        "408",
        7
    ),
    us!(
        "Palo Alto",
        "California",
        "CA",
        "San Jose-Sunnyvale-Santa Clara",
        "943##",
        "650",
        4
    ),
    us!(
        "Oakland",
        "California",
        "CA",
        "San Francisco-Oakland-Berkeley",
        "946##",
        "510",
        4
    ),
    us!(
        "Los Angeles",
        "California",
        "CA",
        "Los Angeles-Long Beach-Anaheim",
        "900##",
        "213",
        14
    ),
    us!(
        "Santa Monica",
        "California",
        "CA",
        "Los Angeles-Long Beach-Anaheim",
        "904##",
        "310",
        4
    ),
    us!(
        "Irvine",
        "California",
        "CA",
        "Los Angeles-Long Beach-Anaheim",
        "926##",
        "949",
        5
    ),
    us!(
        "San Diego",
        "California",
        "CA",
        "San Diego-Chula Vista-Carlsbad",
        "921##",
        "619",
        8
    ),
    us!(
        "Sacramento",
        "California",
        "CA",
        "Sacramento-Roseville-Folsom",
        "958##",
        "916",
        4
    ),
    us!(
        "Las Vegas",
        "Nevada",
        "NV",
        "Las Vegas-Henderson-Paradise",
        "891##",
        "702",
        5
    ),
    us!(
        "Phoenix",
        "Arizona",
        "AZ",
        "Phoenix-Mesa-Chandler",
        "850##",
        "602",
        8
    ),
    us!(
        "Scottsdale",
        "Arizona",
        "AZ",
        "Phoenix-Mesa-Chandler",
        "852##",
        "480",
        4
    ),
    us!("Tucson", "Arizona", "AZ", "Tucson", "857##", "520", 3),
    us!(
        "Denver",
        "Colorado",
        "CO",
        "Denver-Aurora-Lakewood",
        "802##",
        "303",
        10
    ),
    us!("Boulder", "Colorado", "CO", "Boulder", "803##", "303", 3),
    us!(
        "Salt Lake City",
        "Utah",
        "UT",
        "Salt Lake City",
        "841##",
        "801",
        5
    ),
    us!("Lehi", "Utah", "UT", "Provo-Orem", "840##", "801", 3),
    us!("Boise", "Idaho", "ID", "Boise City", "837##", "208", 3),
    us!(
        "Albuquerque",
        "New Mexico",
        "NM",
        "Albuquerque",
        "871##",
        "505",
        2
    ),
    us!(
        "Dallas",
        "Texas",
        "TX",
        "Dallas-Fort Worth-Arlington",
        "752##",
        "214",
        10
    ),
    us!(
        "Austin",
        "Texas",
        "TX",
        "Austin-Round Rock-Georgetown",
        "787##",
        "512",
        10
    ),
    us!(
        "Houston",
        "Texas",
        "TX",
        "Houston-The Woodlands-Sugar Land",
        "770##",
        "713",
        10
    ),
    us!(
        "San Antonio",
        "Texas",
        "TX",
        "San Antonio-New Braunfels",
        "782##",
        "210",
        5
    ),
    us!(
        "Fort Worth",
        "Texas",
        "TX",
        "Dallas-Fort Worth-Arlington",
        "761##",
        "817",
        4
    ),
    us!(
        "Plano",
        "Texas",
        "TX",
        "Dallas-Fort Worth-Arlington",
        "750##",
        "972",
        4
    ),
    us!(
        "Oklahoma City",
        "Oklahoma",
        "OK",
        "Oklahoma City",
        "731##",
        "405",
        3
    ),
    us!("Tulsa", "Oklahoma", "OK", "Tulsa", "741##", "918", 2),
    us!(
        "Kansas City",
        "Missouri",
        "MO",
        "Kansas City",
        "641##",
        "816",
        4
    ),
    us!(
        "Saint Louis",
        "Missouri",
        "MO",
        "Saint Louis",
        "631##",
        "314",
        4
    ),
    us!(
        "Omaha",
        "Nebraska",
        "NE",
        "Omaha-Council Bluffs",
        "681##",
        "402",
        3
    ),
    us!(
        "Minneapolis",
        "Minnesota",
        "MN",
        "Minneapolis-Saint Paul-Bloomington",
        "554##",
        "612",
        7
    ),
    us!(
        "Milwaukee",
        "Wisconsin",
        "WI",
        "Milwaukee-Waukesha",
        "532##",
        "414",
        3
    ),
    us!("Madison", "Wisconsin", "WI", "Madison", "537##", "608", 2),
    us!(
        "Chicago",
        "Illinois",
        "IL",
        "Chicago-Naperville-Elgin",
        "606##",
        "312",
        14
    ),
    us!(
        "Naperville",
        "Illinois",
        "IL",
        "Chicago-Naperville-Elgin",
        "605##",
        "630",
        3
    ),
    us!(
        "Indianapolis",
        "Indiana",
        "IN",
        "Indianapolis-Carmel-Anderson",
        "462##",
        "317",
        4
    ),
    us!(
        "Detroit",
        "Michigan",
        "MI",
        "Detroit-Warren-Dearborn",
        "482##",
        "313",
        5
    ),
    us!(
        "Ann Arbor",
        "Michigan",
        "MI",
        "Ann Arbor",
        "481##",
        "734",
        2
    ),
    us!(
        "Grand Rapids",
        "Michigan",
        "MI",
        "Grand Rapids-Kentwood",
        "495##",
        "616",
        2
    ),
    us!("Columbus", "Ohio", "OH", "Columbus", "432##", "614", 5),
    us!(
        "Cleveland",
        "Ohio",
        "OH",
        "Cleveland-Elyria",
        "441##",
        "216",
        4
    ),
    us!("Cincinnati", "Ohio", "OH", "Cincinnati", "452##", "513", 4),
    us!(
        "Pittsburgh",
        "Pennsylvania",
        "PA",
        "Pittsburgh",
        "152##",
        "412",
        5
    ),
    us!(
        "Philadelphia",
        "Pennsylvania",
        "PA",
        "Philadelphia-Camden-Wilmington",
        "191##",
        "215",
        8
    ),
    us!(
        "New York",
        "New York",
        "NY",
        "New York-Newark-Jersey City",
        "100##",
        "212",
        22
    ),
    us!(
        "Brooklyn",
        "New York",
        "NY",
        "New York-Newark-Jersey City",
        "112##",
        "718",
        5
    ),
    us!(
        "Buffalo",
        "New York",
        "NY",
        "Buffalo-Cheektowaga",
        "142##",
        "716",
        2
    ),
    us!(
        "Jersey City",
        "New Jersey",
        "NJ",
        "New York-Newark-Jersey City",
        "073##",
        "201",
        4
    ),
    us!(
        "Newark",
        "New Jersey",
        "NJ",
        "New York-Newark-Jersey City",
        "071##",
        "973",
        3
    ),
    us!(
        "Princeton",
        "New Jersey",
        "NJ",
        "Trenton-Princeton",
        "085##",
        "609",
        2
    ),
    us!(
        "Stamford",
        "Connecticut",
        "CT",
        "Bridgeport-Stamford-Norwalk",
        "069##",
        "203",
        3
    ),
    us!(
        "Hartford",
        "Connecticut",
        "CT",
        "Hartford-East Hartford-Middletown",
        "061##",
        "860",
        2
    ),
    us!(
        "Boston",
        "Massachusetts",
        "MA",
        "Boston-Cambridge-Newton",
        "021##",
        "617",
        12
    ),
    us!(
        "Cambridge",
        "Massachusetts",
        "MA",
        "Boston-Cambridge-Newton",
        "021##",
        "617",
        4
    ),
    us!(
        "Waltham",
        "Massachusetts",
        "MA",
        "Boston-Cambridge-Newton",
        "024##",
        "781",
        3
    ),
    us!(
        "Providence",
        "Rhode Island",
        "RI",
        "Providence-Warwick",
        "029##",
        "401",
        2
    ),
    us!(
        "Burlington",
        "Vermont",
        "VT",
        "Burlington-South Burlington",
        "054##",
        "802",
        1
    ),
    us!(
        "Portland",
        "Maine",
        "ME",
        "Portland-South Portland",
        "041##",
        "207",
        1
    ),
    us!(
        "Baltimore",
        "Maryland",
        "MD",
        "Baltimore-Columbia-Towson",
        "212##",
        "410",
        4
    ),
    us!(
        "Bethesda",
        "Maryland",
        "MD",
        "Washington-Arlington-Alexandria",
        "208##",
        "301",
        3
    ),
    us!(
        "Washington",
        "District of Columbia",
        "DC",
        "Washington-Arlington-Alexandria",
        "200##",
        "202",
        6
    ),
    us!(
        "Arlington",
        "Virginia",
        "VA",
        "Washington-Arlington-Alexandria",
        "222##",
        "703",
        4
    ),
    us!(
        "Reston",
        "Virginia",
        "VA",
        "Washington-Arlington-Alexandria",
        "201##",
        "703",
        3
    ),
    us!("Richmond", "Virginia", "VA", "Richmond", "232##", "804", 3),
    us!(
        "Raleigh",
        "North Carolina",
        "NC",
        "Raleigh-Cary",
        "276##",
        "919",
        5
    ),
    us!(
        "Durham",
        "North Carolina",
        "NC",
        "Durham-Chapel Hill",
        "277##",
        "919",
        3
    ),
    us!(
        "Charlotte",
        "North Carolina",
        "NC",
        "Charlotte-Concord-Gastonia",
        "282##",
        "704",
        6
    ),
    us!(
        "Charleston",
        "South Carolina",
        "SC",
        "Charleston-North Charleston",
        "294##",
        "843",
        2
    ),
    us!(
        "Atlanta",
        "Georgia",
        "GA",
        "Atlanta-Sandy Springs-Alpharetta",
        "303##",
        "404",
        10
    ),
    us!(
        "Nashville",
        "Tennessee",
        "TN",
        "Nashville-Davidson-Murfreesboro-Franklin",
        "372##",
        "615",
        5
    ),
    us!("Memphis", "Tennessee", "TN", "Memphis", "381##", "901", 2),
    us!(
        "Louisville",
        "Kentucky",
        "KY",
        "Louisville-Jefferson County",
        "402##",
        "502",
        2
    ),
    us!(
        "Birmingham",
        "Alabama",
        "AL",
        "Birmingham-Hoover",
        "352##",
        "205",
        2
    ),
    us!(
        "New Orleans",
        "Louisiana",
        "LA",
        "New Orleans-Metairie",
        "701##",
        "504",
        2
    ),
    us!(
        "Miami",
        "Florida",
        "FL",
        "Miami-Fort Lauderdale-Pompano Beach",
        "331##",
        "305",
        8
    ),
    us!(
        "Tampa",
        "Florida",
        "FL",
        "Tampa-Saint Petersburg-Clearwater",
        "336##",
        "813",
        5
    ),
    us!(
        "Orlando",
        "Florida",
        "FL",
        "Orlando-Kissimmee-Sanford",
        "328##",
        "407",
        4
    ),
    us!(
        "Jacksonville",
        "Florida",
        "FL",
        "Jacksonville",
        "322##",
        "904",
        3
    ),
    us!(
        "Honolulu",
        "Hawaii",
        "HI",
        "Urban Honolulu",
        "968##",
        "808",
        1
    ),
    us!("Anchorage", "Alaska", "AK", "Anchorage", "995##", "907", 1),
    us!(
        "Des Moines",
        "Iowa",
        "IA",
        "Des Moines-West Des Moines",
        "503##",
        "515",
        2
    ),
    intl!(
        "Toronto",
        "Ontario",
        "ON",
        "Canada",
        "Greater Toronto Area",
        "M5V #A#",
        "(416) N##-####",
        "(647) N##-####",
        8
    ),
    intl!(
        "Vancouver",
        "British Columbia",
        "BC",
        "Canada",
        "Metro Vancouver",
        "V6B #A#",
        "(604) N##-####",
        "(778) N##-####",
        4
    ),
    intl!(
        "Montreal",
        "Quebec",
        "QC",
        "Canada",
        "Greater Montreal",
        "H2X #A#",
        "(514) N##-####",
        "(438) N##-####",
        3
    ),
    intl!(
        "Ottawa",
        "Ontario",
        "ON",
        "Canada",
        "Ottawa-Gatineau",
        "K1P #A#",
        "(613) N##-####",
        "(343) N##-####",
        2
    ),
    intl!(
        "Calgary",
        "Alberta",
        "AB",
        "Canada",
        "Calgary Region",
        "T2P #A#",
        "(403) N##-####",
        "(587) N##-####",
        2
    ),
    intl!(
        "London",
        "England",
        "England",
        "United Kingdom",
        "Greater London",
        "EC#A #AA",
        "+44 20 #### ####",
        "+44 7### ######",
        10
    ),
    intl!(
        "Manchester",
        "England",
        "England",
        "United Kingdom",
        "Greater Manchester",
        "M# #AA",
        "+44 161 ### ####",
        "+44 7### ######",
        3
    ),
    intl!(
        "Edinburgh",
        "Scotland",
        "Scotland",
        "United Kingdom",
        "Edinburgh and Lothians",
        "EH# #AA",
        "+44 131 ### ####",
        "+44 7### ######",
        2
    ),
    intl!(
        "Cambridge",
        "England",
        "England",
        "United Kingdom",
        "Cambridgeshire",
        "CB# #AA",
        "+44 1223 ######",
        "+44 7### ######",
        2
    ),
    intl!(
        "Dublin",
        "Leinster",
        "Leinster",
        "Ireland",
        "Greater Dublin Area",
        "D0# A#A#",
        "+353 1 ### ####",
        "+353 8# ### ####",
        4
    ),
    intl!(
        "Berlin",
        "Berlin",
        "BE",
        "Germany",
        "Berlin-Brandenburg",
        "10###",
        "+49 30 ########",
        "+49 15# ########",
        4
    ),
    intl!(
        "Munich",
        "Bavaria",
        "BY",
        "Germany",
        "Munich Metropolitan Region",
        "80###",
        "+49 89 ########",
        "+49 17# ########",
        3
    ),
    intl!(
        "Hamburg",
        "Hamburg",
        "HH",
        "Germany",
        "Hamburg Metropolitan Region",
        "20###",
        "+49 40 ########",
        "+49 16# ########",
        2
    ),
    intl!(
        "Frankfurt",
        "Hesse",
        "HE",
        "Germany",
        "Frankfurt Rhine-Main",
        "60###",
        "+49 69 ########",
        "+49 15# ########",
        2
    ),
    intl!(
        "Paris",
        "Ile-de-France",
        "IDF",
        "France",
        "Paris Region",
        "750##",
        "+33 1 ## ## ## ##",
        "+33 6 ## ## ## ##",
        5
    ),
    intl!(
        "Lyon",
        "Auvergne-Rhone-Alpes",
        "ARA",
        "France",
        "Lyon Metropolis",
        "6900#",
        "+33 4 ## ## ## ##",
        "+33 7 ## ## ## ##",
        1
    ),
    intl!(
        "Amsterdam",
        "North Holland",
        "NH",
        "Netherlands",
        "Amsterdam Metropolitan Area",
        "10## AA",
        "+31 20 ### ####",
        "+31 6 ########",
        4
    ),
    intl!(
        "Rotterdam",
        "South Holland",
        "ZH",
        "Netherlands",
        "Rotterdam The Hague",
        "30## AA",
        "+31 10 ### ####",
        "+31 6 ########",
        1
    ),
    intl!(
        "Stockholm",
        "Stockholm County",
        "AB",
        "Sweden",
        "Greater Stockholm",
        "1## ##",
        "+46 8 ### ### ##",
        "+46 7# ### ## ##",
        2
    ),
    intl!(
        "Copenhagen",
        "Capital Region",
        "Capital Region",
        "Denmark",
        "Greater Copenhagen",
        "1###",
        "+45 ## ## ## ##",
        "+45 ## ## ## ##",
        2
    ),
    intl!(
        "Oslo",
        "Oslo",
        "Oslo",
        "Norway",
        "Oslo Region",
        "0###",
        "+47 ## ## ## ##",
        "+47 4# ## ## ##",
        1
    ),
    intl!(
        "Helsinki",
        "Uusimaa",
        "Uusimaa",
        "Finland",
        "Helsinki Metropolitan Area",
        "00###",
        "+358 9 ### ####",
        "+358 40 ### ####",
        1
    ),
    intl!(
        "Zurich",
        "Zurich",
        "ZH",
        "Switzerland",
        "Zurich Metropolitan Area",
        "80##",
        "+41 44 ### ## ##",
        "+41 7# ### ## ##",
        2
    ),
    intl!(
        "Madrid",
        "Community of Madrid",
        "MD",
        "Spain",
        "Madrid Metropolitan Area",
        "280##",
        "+34 91 ### ## ##",
        "+34 6## ### ###",
        2
    ),
    intl!(
        "Barcelona",
        "Catalonia",
        "CT",
        "Spain",
        "Barcelona Metropolitan Area",
        "080##",
        "+34 93 ### ## ##",
        "+34 6## ### ###",
        2
    ),
    intl!(
        "Milan",
        "Lombardy",
        "LOM",
        "Italy",
        "Milan Metropolitan City",
        "201##",
        "+39 02 #### ####",
        "+39 3## ### ####",
        2
    ),
    intl!(
        "Lisbon",
        "Lisbon",
        "Lisbon",
        "Portugal",
        "Lisbon Metropolitan Area",
        "1###-###",
        "+351 21 ### ####",
        "+351 9# ### ####",
        1
    ),
    intl!(
        "Warsaw",
        "Masovia",
        "MZ",
        "Poland",
        "Warsaw Metropolitan Area",
        "00-###",
        "+48 22 ### ## ##",
        "+48 5## ### ###",
        2
    ),
    intl!(
        "Tel Aviv",
        "Tel Aviv District",
        "TA",
        "Israel",
        "Gush Dan",
        "6######",
        "+972 3-###-####",
        "+972 5#-###-####",
        3
    ),
    intl!(
        "Dubai",
        "Dubai",
        "DU",
        "United Arab Emirates",
        "Dubai",
        "00000",
        "+971 4 ### ####",
        "+971 5# ### ####",
        2
    ),
    intl!(
        "Singapore",
        "Singapore",
        "SG",
        "Singapore",
        "Singapore",
        "0#####",
        "+65 6### ####",
        "+65 9### ####",
        4
    ),
    intl!(
        "Tokyo",
        "Tokyo",
        "Tokyo",
        "Japan",
        "Greater Tokyo Area",
        "1##-####",
        "+81 3-####-####",
        "+81 90-####-####",
        3
    ),
    intl!(
        "Sydney",
        "New South Wales",
        "NSW",
        "Australia",
        "Greater Sydney",
        "20##",
        "+61 2 #### ####",
        "+61 4## ### ###",
        5
    ),
    intl!(
        "Melbourne",
        "Victoria",
        "VIC",
        "Australia",
        "Greater Melbourne",
        "30##",
        "+61 3 #### ####",
        "+61 4## ### ###",
        3
    ),
    intl!(
        "Auckland",
        "Auckland",
        "AUK",
        "New Zealand",
        "Auckland Region",
        "10##",
        "+64 9 ### ####",
        "+64 21 ### ####",
        1
    ),
    intl!(
        "Bengaluru",
        "Karnataka",
        "KA",
        "India",
        "Bengaluru Urban",
        "5600##",
        "+91 80 #### ####",
        "+91 9#### #####",
        5
    ),
    intl!(
        "Mumbai",
        "Maharashtra",
        "MH",
        "India",
        "Mumbai Metropolitan Region",
        "4000##",
        "+91 22 #### ####",
        "+91 9#### #####",
        3
    ),
    intl!(
        "Sao Paulo",
        "Sao Paulo",
        "SP",
        "Brazil",
        "Greater Sao Paulo",
        "01###-###",
        "+55 11 ####-####",
        "+55 11 9####-####",
        3
    ),
    intl!(
        "Mexico City",
        "Mexico City",
        "CDMX",
        "Mexico",
        "Greater Mexico City",
        "06###",
        "+52 55 #### ####",
        "+52 1 55 #### ####",
        2
    ),
    intl!(
        "Cape Town",
        "Western Cape",
        "WC",
        "South Africa",
        "City of Cape Town",
        "80##",
        "+27 21 ### ####",
        "+27 8# ### ####",
        1
    ),
];

/// Nouns paired in "X & Y" company names ("Harbor & Finch").
pub(crate) const AMPERSAND_NOUNS: &[&str] = &[
    "Harbor", "Finch", "Oak", "Anchor", "Compass", "Fox", "Wren", "Stone", "Cedar", "Raven",
    "Otter", "Quill", "Ink", "Canvas", "Linen", "Pearl", "Ember", "Beacon", "Atlas", "Juniper",
    "Sparrow", "Heron", "Badger", "Bear", "Wolf", "Lantern", "Thistle", "Birch", "Hawk", "Crane",
    "Maple", "Willow", "Copper", "Flint", "Rook", "Lark", "Kettle", "Anvil", "Forge", "Mill",
];

/// Street names.
pub(crate) const STREET_NAMES: &[&str] = &[
    "Main",
    "Market",
    "Western",
    "Harbor",
    "Mission",
    "Broadway",
    "Oak",
    "Pine",
    "Maple",
    "Cedar",
    "Elm",
    "Park",
    "Lake",
    "Hill",
    "River",
    "Spring",
    "Church",
    "Washington",
    "Jefferson",
    "Madison",
    "Franklin",
    "Lincoln",
    "Commerce",
    "Industrial",
    "Technology",
    "Innovation",
    "Gateway",
    "Corporate",
    "Enterprise",
    "Riverside",
    "Lakeshore",
    "Bay",
    "Kings",
    "Queens",
    "High",
    "Station",
    "Mill",
    "Bridge",
    "Canal",
    "Dock",
    "Union",
    "Liberty",
    "Central",
    "Summit",
    "Ridge",
    "Valley",
    "Meadow",
    "Forest",
    "Sunset",
    "Highland",
    "Grand",
    "Howard",
    "Folsom",
    "Pearl",
    "Water",
    "Front",
    "Second",
    "Third",
    "Fifth",
    "Seventh",
    "Ninth",
];

/// Street types.
pub(crate) const STREET_TYPES: &[&str] = &[
    "Street",
    "Avenue",
    "Boulevard",
    "Drive",
    "Road",
    "Way",
    "Parkway",
    "Place",
    "Lane",
    "Court",
    "Plaza",
];

/// A technology.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tech {
    /// Product name, as ZoomInfo's technographics spell it (no full stops).
    pub(crate) name: &'static str,
    /// Whether mostly technology companies use it.
    pub(crate) technical: bool,
    /// Relative frequency.
    pub(crate) weight: u32,
}

/// Shorthand for declaring a [`Tech`].
macro_rules! tech {
    ($name:literal, $t:literal, $w:literal) => {
        Tech {
            name: $name,
            technical: $t,
            weight: $w,
        }
    };
}

/// Real technology names for technographics.
pub(crate) const TECHNOLOGIES: &[Tech] = &[
    tech!("Salesforce", false, 30),
    tech!("HubSpot", false, 22),
    tech!("Microsoft Dynamics 365", false, 8),
    tech!("Pipedrive", false, 5),
    tech!("Zoho CRM", false, 5),
    tech!("Marketo", false, 8),
    tech!("Pardot", false, 6),
    tech!("Mailchimp", false, 14),
    tech!("Braze", true, 4),
    tech!("Klaviyo", false, 6),
    tech!("Intercom", true, 7),
    tech!("Zendesk", false, 12),
    tech!("Freshdesk", false, 5),
    tech!("ServiceNow", false, 8),
    tech!("Jira", true, 16),
    tech!("Confluence", true, 12),
    tech!("Asana", false, 9),
    tech!("Trello", false, 7),
    tech!("Notion", true, 8),
    tech!("Slack", false, 26),
    tech!("Microsoft Teams", false, 24),
    tech!("Zoom", false, 28),
    tech!("Google Workspace", false, 26),
    tech!("Microsoft 365", false, 30),
    tech!("DocuSign", false, 14),
    tech!("Dropbox", false, 10),
    tech!("Box", false, 7),
    tech!("Okta", true, 10),
    tech!("Auth0", true, 4),
    tech!("CrowdStrike", true, 7),
    tech!("Palo Alto Networks", false, 6),
    tech!("Cloudflare", true, 12),
    tech!("Akamai", false, 4),
    tech!("Amazon Web Services", true, 24),
    tech!("Microsoft Azure", true, 14),
    tech!("Google Cloud Platform", true, 9),
    tech!("Snowflake", true, 10),
    tech!("Databricks", true, 6),
    tech!("Google BigQuery", true, 6),
    tech!("Amazon Redshift", true, 5),
    tech!("Tableau", false, 10),
    tech!("Microsoft Power BI", false, 12),
    tech!("Looker", true, 6),
    tech!("dbt", true, 4),
    tech!("Fivetran", true, 4),
    tech!("Segment", true, 5),
    tech!("Mixpanel", true, 5),
    tech!("Amplitude", true, 4),
    tech!("Google Analytics", false, 30),
    tech!("Hotjar", false, 6),
    tech!("Optimizely", true, 3),
    tech!("Datadog", true, 8),
    tech!("New Relic", true, 5),
    tech!("Splunk", true, 5),
    tech!("PagerDuty", true, 5),
    tech!("GitHub", true, 16),
    tech!("GitLab", true, 6),
    tech!("Docker", true, 10),
    tech!("Kubernetes", true, 8),
    tech!("Terraform", true, 6),
    tech!("MongoDB", true, 7),
    tech!("PostgreSQL", true, 12),
    tech!("MySQL", true, 10),
    tech!("Redis", true, 7),
    tech!("Elasticsearch", true, 5),
    tech!("Stripe", true, 12),
    tech!("Shopify", false, 10),
    tech!("Magento", false, 4),
    tech!("WordPress", false, 24),
    tech!("Webflow", false, 5),
    tech!("Contentful", true, 3),
    tech!("Workday", false, 8),
    tech!("BambooHR", false, 7),
    tech!("ADP", false, 14),
    tech!("Gusto", false, 7),
    tech!("Greenhouse", false, 6),
    tech!("Lever", false, 4),
    tech!("NetSuite", false, 9),
    tech!("SAP S/4HANA", false, 6),
    tech!("QuickBooks", false, 16),
    tech!("Xero", false, 6),
    tech!("Coupa", false, 3),
    tech!("Gong", false, 5),
    tech!("Outreach", false, 6),
    tech!("Salesloft", false, 5),
    tech!("ZoomInfo", false, 8),
    tech!("LinkedIn Sales Navigator", false, 10),
    tech!("Calendly", false, 9),
    tech!("Twilio", true, 6),
    tech!("Toast", false, 2),
    tech!("Square", false, 5),
    tech!("Procore", false, 2),
    tech!("Epic Systems", false, 2),
    tech!("Veeva", false, 2),
];

/// Funding rounds from earliest to latest.
pub(crate) const FUNDING_ROUNDS: &[&str] = &[
    "Pre-Seed",
    "Seed",
    "Series A",
    "Series B",
    "Series C",
    "Series D",
    "Series E",
    "Private Equity",
];

/// Fictional investors (deliberately not real firms).
pub(crate) const INVESTORS: &[&str] = &[
    "Granite Peak Ventures",
    "Harborline Capital",
    "Evergreen Growth Partners",
    "Sunline Ventures",
    "Bluefield Capital",
    "Northstar Equity Partners",
    "Redwood Bay Ventures",
    "Ironclad Capital",
    "Summit Lane Partners",
    "Tidewater Ventures",
    "Copperline Capital",
    "Foundry Hill Ventures",
    "Lakeshore Growth",
    "Meridian Square Capital",
    "Kestrel Ventures",
    "Brightwater Partners",
    "Alder Road Capital",
    "Wildflower Ventures",
    "Oakmont Equity",
    "Atlas Crossing Ventures",
    "Pinewood Capital",
    "Silver Arc Ventures",
    "Longview Growth Equity",
    "Beacon Street Capital",
    "Quarry Ventures",
    "Signal Hill Partners",
    "Cinder Capital",
    "Lantern Ventures",
    "Juniper Point Capital",
    "Westbound Ventures",
    "Harbor Light Capital",
    "Northgate Growth",
    "Fieldstone Ventures",
    "Cobalt Square Capital",
    "Riverbend Partners",
    "Half Moon Ventures",
    "Twin Pines Capital",
    "Highline Ventures",
    "Stonebridge Equity",
    "Aurora Peak Capital",
];

/// Words that name launched products ("Cobalt Pulse").
pub(crate) const PRODUCT_WORDS: &[&str] = &[
    "Insights", "Connect", "Cloud", "Studio", "Flow", "Hub", "One", "Pulse", "Edge", "Sense",
    "Track", "Pilot", "Vision", "Go", "Plus", "Works", "Lens", "Atlas", "Compass", "Relay",
];

/// Executive titles announced in hiring news.
pub(crate) const EXEC_TITLES: &[&str] = &[
    "Chief Revenue Officer",
    "Chief Financial Officer",
    "Chief Technology Officer",
    "Chief Marketing Officer",
    "Chief Operating Officer",
    "Chief Product Officer",
    "Chief People Officer",
    "VP of Sales",
    "VP of Engineering",
    "General Counsel",
];

/// News templates per category. Placeholders: `{name}` company, `{city}` another city,
/// `{country}` another country, `{product}`, `{noun}` product noun, `{person}`, `{title}`,
/// `{partner}` another company, `{pct}`, `{count}`, `{award_city}` the company's city.
pub(crate) const NEWS_TEMPLATES: &[(&str, &[&str])] = &[
    (
        "product_launch",
        &[
            "{name} launched {product}, a new {noun}",
            "{name} introduced {product}, its {noun}",
            "{name} released a redesigned {noun} called {product}",
        ],
    ),
    (
        "expansion",
        &[
            "{name} opened a {city} office",
            "{name} expanded into {country}",
            "{name} moved its headquarters to a larger space in {award_city}",
        ],
    ),
    (
        "exec_hire",
        &[
            "{name} appointed {person} as {title}",
            "{name} hired {person} as {title}",
            "{name} promoted {person} to {title}",
        ],
    ),
    (
        "partnership",
        &[
            "{name} partnered with {partner}",
            "{name} announced a strategic partnership with {partner}",
            "{name} signed a reseller agreement with {partner}",
        ],
    ),
    (
        "layoffs",
        &[
            "{name} announced layoffs affecting about {pct}% of staff",
            "{name} cut {count} roles in a restructuring",
        ],
    ),
    (
        "acquisition",
        &[
            "{name} acquired {partner}",
            "{name} agreed to acquire {partner}",
        ],
    ),
    (
        "award",
        &[
            "{name} was named a Top Workplace in {award_city}",
            "{name} made a regional fastest-growing companies list",
        ],
    ),
];

/// Conversation-signal templates: short notes that also read as a verb phrase after "the team"
/// (an "-ing" or adjective note gets an "is" in front). Placeholders: `{tech}` a technology the
/// company uses, `{other_tech}` one it does not, `{quarter}`, `{month}`, `{seats}`, `{dept}`,
/// `{industry}`, `{count}`, `{exec}`.
pub(crate) const SIGNAL_TEMPLATES: &[&str] = &[
    "asked about SOC 2 Type II",
    "asked about ISO 27001 certification",
    "evaluating a {other_tech} migration",
    "comparing options against {tech}",
    "asked whether we integrate with {tech}",
    "expects budget approval in {quarter}",
    "has a new {exec} reviewing vendor contracts",
    "concerned about pricing above {seats} seats",
    "has a renewal with {tech} due in {month}",
    "wants a pilot before {month}",
    "asked for customer references in {industry}",
    "raised data residency questions for the EU",
    "needs SSO and SCIM provisioning",
    "mentioned a hiring freeze in {dept}",
    "plans to grow the {dept} team by {count} people",
    "frustrated with manual reporting in spreadsheets",
    "asked about an annual prepay discount",
    "wants to consolidate {count} point tools",
    "has legal reviewing the DPA",
    "asked about API rate limits",
];

/// Transient enrichment faults: (summary, description).
pub(crate) const TRANSIENT_FAULTS: &[(&str, &str)] = &[
    (
        "Identity service timeout",
        "The identity resolution service did not answer in time; retrying the enrichment usually succeeds.",
    ),
    (
        "Upstream provider unavailable",
        "An upstream data provider was temporarily unavailable; enrich the row again to retry.",
    ),
    (
        "Rate limited by data provider",
        "The data provider throttled the request; the next attempt is expected to succeed.",
    ),
];

/// Permanent enrichment faults: (summary, description).
pub(crate) const PERMANENT_FAULTS: &[(&str, &str)] = &[
    (
        "Record under compliance review",
        "This record is under compliance review and cannot be enriched until the review completes.",
    ),
    (
        "Record suppressed by data-subject request",
        "A data-subject request suppressed this record; it will not be enriched.",
    ),
    (
        "Record quarantined for data quality",
        "The record failed data-quality checks and was quarantined; retries will not help.",
    ),
];

/// Months, for dates in text.
pub(crate) const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
