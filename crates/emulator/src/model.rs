//! The contract's enumerations, as the emulator's own types.
//!
//! Every enum here keeps the exact wire spelling of GTM Studio (including the contract's own
//! oddities, such as `DOES_NOT_CONTAINS` beside `DOES_NOT_CONTAIN_WORD`), parses it strictly and
//! serialises it back unchanged.

use std::fmt;
use std::str::FromStr;

/// Declares a string-valued wire enum with `as_str`, `FromStr`, `ALL` and serde impls.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $wire:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub(crate) enum $name {
            $(
                #[doc = concat!("`", $wire, "`")]
                $variant,
            )*
        }

        impl $name {
            /// Every value, in the contract's order.
            #[cfg(test)]
            pub(crate) const ALL: &'static [Self] = &[$(Self::$variant,)*];

            /// The wire spelling.
            #[allow(dead_code, reason = "generated for every enum; not every one is printed")]
            pub(crate) fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $wire,)*
                }
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($wire => Ok(Self::$variant),)*
                    _ => Err(UnknownValue {
                        kind: stringify!($name),
                        value: s.to_owned(),
                        allowed: &[$($wire,)*],
                    }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

/// A string that is not one of an enum's wire values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnknownValue {
    /// The enum's name.
    pub(crate) kind: &'static str,
    /// What was given.
    pub(crate) value: String,
    /// What is allowed.
    pub(crate) allowed: &'static [&'static str],
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "'{}' is not a valid {}; expected one of {}",
            self.value,
            self.kind,
            self.allowed.join(", ")
        )
    }
}

impl std::error::Error for UnknownValue {}

string_enum! {
    /// The contract's `ColumnDataType` enumeration.
    DataType {
        Text = "TEXT",
        Boolean = "BOOLEAN",
        Date = "DATE",
        StringList = "STRING_LIST",
        NumberList = "NUMBER_LIST",
        EmailList = "EMAIL_LIST",
        PhoneList = "PHONE_LIST",
        Phone = "PHONE",
        Email = "EMAIL",
        LargeText = "LARGE_TEXT",
        Integer = "INTEGER",
        Decimal = "DECIMAL",
        Object = "OBJECT",
        Url = "URL",
        UrlList = "URL_LIST",
        Checkbox = "CHECKBOX",
        Percent = "PERCENT",
        OpaqueIdentifier = "OPAQUE_IDENTIFIER",
        OrdinalIdentifier = "ORDINAL_IDENTIFIER",
        Reference = "REFERENCE",
        Picklist = "PICKLIST",
        Multipicklist = "MULTIPICKLIST",
        Currency = "CURRENCY",
        ZiContactId = "ZI_CONTACT_ID",
        ZiCompanyId = "ZI_COMPANY_ID",
        Markup = "MARKUP",
    }
}

string_enum! {
    /// The contract's `ColumnType` enumeration.
    ColumnType {
        Custom = "CUSTOM",
        CrmSearch = "CRM_SEARCH",
        Crm = "CRM",
        Csv = "CSV",
        Formula = "FORMULA",
        AccountAi = "ACCOUNT_AI",
        Connectors = "CONNECTORS",
        Routing = "ROUTING",
        Snowflake = "SNOWFLAKE",
        Ai = "AI",
        ZoominfoCopilotSignals = "ZOOMINFO_COPILOT_SIGNALS",
        ZoominfoAudience = "ZOOMINFO_AUDIENCE",
        ZoominfoJobPostings = "ZOOMINFO_JOB_POSTINGS",
        ZoominfoWebsights = "ZOOMINFO_WEBSIGHTS",
        ZoominfoContactChanges = "ZOOMINFO_CONTACT_CHANGES",
        ZoominfoTechnologies = "ZOOMINFO_TECHNOLOGIES",
        ZoominfoIntent = "ZOOMINFO_INTENT",
        InMarketScore = "IN_MARKET_SCORE",
        ZoominfoScoops = "ZOOMINFO_SCOOPS",
        ZoominfoCompany = "ZOOMINFO_COMPANY",
        ZoominfoContact = "ZOOMINFO_CONTACT",
        ZoominfoCustom = "ZOOMINFO_CUSTOM",
        ZoominfoMatch = "ZOOMINFO_MATCH",
        ZoominfoContactSearch = "ZOOMINFO_CONTACT_SEARCH",
        SignalsAudienceDefault = "SIGNALS_AUDIENCE_DEFAULT",
        JsonParser = "JSON_PARSER",
        ReferenceMapper = "REFERENCE_MAPPER",
        AudienceLookup = "AUDIENCE_LOOKUP",
        GraphqlAudienceDefault = "GRAPHQL_AUDIENCE_DEFAULT",
        Graphql = "GRAPHQL",
        AccountLookAlike = "ACCOUNT_LOOK_ALIKE",
        ContactLookAlike = "CONTACT_LOOK_ALIKE",
        ZoominfoFederatedSearch = "ZOOMINFO_FEDERATED_SEARCH",
    }
}

string_enum! {
    /// The contract's `AudienceType` enumeration.
    AudienceType {
        Contact = "CONTACT",
        Company = "COMPANY",
    }
}

string_enum! {
    /// The contract's `SourceOrigin` enumeration.
    Origin {
        Custom = "CUSTOM",
        ZoominfoPublicApi = "ZOOMINFO_PUBLIC_API",
        Crm = "CRM",
        Csv = "CSV",
        ZoominfoSignals = "ZOOMINFO_SIGNALS",
        Snowflake = "SNOWFLAKE",
        Zoominfo = "ZOOMINFO",
        DerivedZoominfoContacts = "DERIVED_ZOOMINFO_CONTACTS",
        DerivedCrmContacts = "DERIVED_CRM_CONTACTS",
        DerivedCrmAccounts = "DERIVED_CRM_ACCOUNTS",
        DerivedCrmOpportunities = "DERIVED_CRM_OPPORTUNITIES",
        AudienceCopy = "AUDIENCE_COPY",
        Graphql = "GRAPHQL",
    }
}

string_enum! {
    /// The contract's `CellState` enumeration.
    CellState {
        Result = "RESULT",
        Blank = "BLANK",
        Loading = "LOADING",
        Error = "ERROR",
        NoResult = "NO_RESULT",
    }
}

string_enum! {
    /// The contract's `RunStatus` enumeration.
    RunStatus {
        Scheduled = "SCHEDULED",
        Running = "RUNNING",
        Succeeded = "SUCCEEDED",
        PartiallySucceeded = "PARTIALLY_SUCCEEDED",
        Failed = "FAILED",
        Cancelled = "CANCELLED",
    }
}

string_enum! {
    /// The contract's `AiTool` enumeration.
    AiTool {
        AiDataAnalysis = "AI_DATA_ANALYSIS",
        AiWebResearch = "AI_WEB_RESEARCH",
        AiConversationIntelligence = "AI_CONVERSATION_INTELLIGENCE",
        AiEmailer = "AI_EMAILER",
    }
}

string_enum! {
    /// The contract's `MatchFields` enumeration.
    MatchField {
        CompanyWebsite = "COMPANY_WEBSITE",
        CompanyName = "COMPANY_NAME",
        ZoominfoCompanyId = "ZOOMINFO_COMPANY_ID",
        CompanyCountry = "COMPANY_COUNTRY",
        CompanyState = "COMPANY_STATE",
        CompanyCity = "COMPANY_CITY",
        CompanyZipCode = "COMPANY_ZIP_CODE",
        CompanyPhone = "COMPANY_PHONE",
        CompanyTicker = "COMPANY_TICKER",
        CompanyLinkedinId = "COMPANY_LINKEDIN_ID",
        CompanyIpAddresses = "COMPANY_IP_ADDRESSES",
        CompanyMetroArea = "COMPANY_METRO_AREA",
        CompanyLinkedinUrl = "COMPANY_LINKEDIN_URL",
        CompanyFacebookUrl = "COMPANY_FACEBOOK_URL",
        CompanyTwitterUrl = "COMPANY_TWITTER_URL",
        CompanyGooglePlusUrl = "COMPANY_GOOGLE_PLUS_URL",
        CompanyYoutubeUrl = "COMPANY_YOUTUBE_URL",
        CompanyLocation = "COMPANY_LOCATION",
        CompanyLocationCode = "COMPANY_LOCATION_CODE",
        ContactFirstName = "CONTACT_FIRST_NAME",
        ContactLastName = "CONTACT_LAST_NAME",
        ContactEmail = "CONTACT_EMAIL",
        JobTitle = "JOB_TITLE",
        DirectPhone = "DIRECT_PHONE",
        MobilePhone = "MOBILE_PHONE",
        ContactStreet = "CONTACT_STREET",
        ContactCity = "CONTACT_CITY",
        ContactState = "CONTACT_STATE",
        ContactCountry = "CONTACT_COUNTRY",
        ContactZipCode = "CONTACT_ZIP_CODE",
        ZoominfoContactId = "ZOOMINFO_CONTACT_ID",
        ContactMiddleName = "CONTACT_MIDDLE_NAME",
        ContactLinkedinUrl = "CONTACT_LINKEDIN_URL",
        ContactTwitterUrl = "CONTACT_TWITTER_URL",
        ContactLinkedinCompanyId = "CONTACT_LINKEDIN_COMPANY_ID",
        ContactZoominfoCompanyId = "CONTACT_ZOOMINFO_COMPANY_ID",
        ContactParentId = "CONTACT_PARENT_ID",
        ContactHashedEmails = "CONTACT_HASHED_EMAILS",
        ContactLinkedinPrivateIds = "CONTACT_LINKEDIN_PRIVATE_IDS",
    }
}

string_enum! {
    /// The contract's `GenericFilterOperator` enumeration.
    FilterOperator {
        Equals = "EQUALS",
        NotEquals = "NOT_EQUALS",
        Contains = "CONTAINS",
        DoesNotContains = "DOES_NOT_CONTAINS",
        ContainsWord = "CONTAINS_WORD",
        DoesNotContainWord = "DOES_NOT_CONTAIN_WORD",
        Empty = "EMPTY",
        NotEmpty = "NOT_EMPTY",
        StartsWith = "STARTS_WITH",
        DoesNotStartWith = "DOES_NOT_START_WITH",
        GreaterThan = "GREATER_THAN",
        LessThan = "LESS_THAN",
        GreaterThanOrEqual = "GREATER_THAN_OR_EQUAL",
        LessThanOrEqual = "LESS_THAN_OR_EQUAL",
        InRange = "IN_RANGE",
        IsTrue = "IS_TRUE",
        IsFalse = "IS_FALSE",
        HasOneOf = "HAS_ONE_OF",
        HasNoneOf = "HAS_NONE_OF",
        HasAllOf = "HAS_ALL_OF",
        IsExactDate = "IS_EXACT_DATE",
        Before = "BEFORE",
        After = "AFTER",
        Within = "WITHIN",
        RollingRange = "ROLLING_RANGE",
    }
}

string_enum! {
    /// The contract's `ColumnInputType` enumeration.
    InputType {
        Column = "COLUMN",
        KnowledgeBase = "KNOWLEDGE_BASE",
    }
}

string_enum! {
    /// The contract's `EnrichmentScope` enumeration.
    EnrichmentScope {
        Audience = "AUDIENCE",
        Row = "ROW",
    }
}

string_enum! {
    /// The contract's `Operator` enumeration.
    GroupOperator {
        And = "AND",
        Or = "OR",
    }
}

string_enum! {
    /// The contract's `FormulaExpressionLanguage` enumeration.
    ExpressionLanguage {
        Javascript = "JAVASCRIPT",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<T>(all: &[T])
    where
        T: Copy + PartialEq + fmt::Debug + FromStr<Err = UnknownValue> + serde::Serialize,
        T: for<'de> serde::Deserialize<'de>,
    {
        for v in all {
            let json = serde_json::to_string(v).unwrap();
            let back: T = serde_json::from_str(&json).unwrap();
            assert_eq!(back, *v);
            let text = json.trim_matches('"');
            assert_eq!(text.parse::<T>().unwrap(), *v);
        }
    }

    #[test]
    fn every_value_round_trips_with_its_wire_spelling() {
        round_trips(DataType::ALL);
        round_trips(ColumnType::ALL);
        round_trips(AudienceType::ALL);
        round_trips(Origin::ALL);
        round_trips(CellState::ALL);
        round_trips(RunStatus::ALL);
        round_trips(AiTool::ALL);
        round_trips(MatchField::ALL);
        round_trips(FilterOperator::ALL);
        round_trips(InputType::ALL);
        round_trips(EnrichmentScope::ALL);
        round_trips(GroupOperator::ALL);
        round_trips(ExpressionLanguage::ALL);
        assert_eq!(DataType::ALL.len(), 26);
        assert_eq!(ColumnType::ALL.len(), 33);
        assert_eq!(MatchField::ALL.len(), 39);
        assert_eq!(FilterOperator::ALL.len(), 25);
        assert_eq!(
            FilterOperator::DoesNotContains.as_str(),
            "DOES_NOT_CONTAINS"
        );
    }

    #[test]
    fn unknown_values_say_what_is_allowed() {
        let err = "PERSON".parse::<AudienceType>().unwrap_err().to_string();
        assert_eq!(
            err,
            "'PERSON' is not a valid AudienceType; expected one of CONTACT, COMPANY"
        );
    }
}
