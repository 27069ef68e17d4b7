//! Settings resolution: flags over environment over config file.

use std::collections::BTreeMap;

use super::{ConfigFile, Flags, Settings, Target};
use crate::cli::Format;

const FILE: &str = r#"
profile = "zoominfo"

[profiles.local]
local = true
data_dir = "/srv/gtmsql"
demo = false

[profiles.zoominfo]
client_id = "file-id"
client_secret_env = "ZI_SECRET"
base_url = "https://zi.example"
max_retries = 3
format = "csv"

[profiles.zoominfo.options]
page_size = 200
"gtm.concurrency" = 8
"#;

fn env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn file() -> ConfigFile {
    ConfigFile::parse(FILE).unwrap()
}

#[test]
fn no_credentials_means_the_embedded_emulator() {
    let settings = Settings::from_parts(&Flags::default(), &env(&[]), None).unwrap();
    assert!(matches!(
        settings.target,
        Target::Embedded { demo: true, .. }
    ));
    assert_eq!(settings.format, Format::Table);
    let memory = Flags {
        memory: true,
        no_demo: true,
        ..Flags::default()
    };
    let settings = Settings::from_parts(&memory, &env(&[]), None).unwrap();
    assert!(matches!(
        settings.target,
        Target::Embedded {
            data_dir: None,
            demo: false
        }
    ));
}

#[test]
fn credentials_in_the_environment_mean_zoominfo() {
    let settings = Settings::from_parts(
        &Flags::default(),
        &env(&[
            ("ZOOMINFO_CLIENT_ID", "id"),
            ("ZOOMINFO_CLIENT_SECRET", "secret"),
        ]),
        None,
    )
    .unwrap();
    let Target::Remote(builder) = settings.target else {
        panic!("remote expected");
    };
    let client = builder.build().unwrap();
    assert_eq!(client.base_url(), "https://api.zoominfo.com");
    // --local wins over credentials.
    let local = Flags {
        local: true,
        ..Flags::default()
    };
    let settings = Settings::from_parts(
        &local,
        &env(&[
            ("ZOOMINFO_CLIENT_ID", "id"),
            ("ZOOMINFO_CLIENT_SECRET", "secret"),
        ]),
        None,
    )
    .unwrap();
    assert!(matches!(settings.target, Target::Embedded { .. }));
}

#[test]
fn half_a_credential_is_an_error() {
    let error = Settings::from_parts(
        &Flags::default(),
        &env(&[("ZOOMINFO_CLIENT_ID", "id")]),
        None,
    )
    .unwrap_err()
    .to_string();
    assert!(error.contains("ZOOMINFO_CLIENT_SECRET"), "{error}");
}

#[test]
fn the_file_profile_applies_under_the_environment_and_flags() {
    let file = file();
    let settings = Settings::from_parts(
        &Flags::default(),
        &env(&[("ZI_SECRET", "from-env-var")]),
        Some(&file),
    )
    .unwrap();
    assert_eq!(settings.profile.as_deref(), Some("zoominfo"));
    assert_eq!(settings.format, Format::Csv);
    assert_eq!(
        settings.options,
        vec![
            ("gtm.concurrency".to_owned(), "8".to_owned()),
            ("gtm.page_size".to_owned(), "200".to_owned())
        ]
    );
    let Target::Remote(builder) = settings.target else {
        panic!("remote expected");
    };
    assert_eq!(builder.build().unwrap().base_url(), "https://zi.example");

    // The environment beats the file; flags beat both.
    let flags = Flags {
        base_url: Some("http://127.0.0.1:1".to_owned()),
        format: Some(Format::Json),
        ..Flags::default()
    };
    let settings = Settings::from_parts(
        &flags,
        &env(&[
            ("ZI_SECRET", "s"),
            ("GTMSQL_BASE_URL", "http://env.example"),
        ]),
        Some(&file),
    )
    .unwrap();
    assert_eq!(settings.format, Format::Json);
    let Target::Remote(builder) = settings.target else {
        panic!("remote expected");
    };
    assert_eq!(builder.build().unwrap().base_url(), "http://127.0.0.1:1");

    // GTMSQL_PROFILE picks another profile; --profile beats it.
    let settings = Settings::from_parts(
        &Flags::default(),
        &env(&[("GTMSQL_PROFILE", "local")]),
        Some(&file),
    )
    .unwrap();
    assert!(matches!(
        settings.target,
        Target::Embedded { data_dir: Some(ref d), demo: false } if d.as_path() == std::path::Path::new("/srv/gtmsql")
    ));
}

#[test]
fn config_mistakes_are_named() {
    let missing = Settings::from_parts(&Flags::default(), &env(&[]), Some(&file()))
        .unwrap_err()
        .to_string();
    assert!(missing.contains("$ZI_SECRET"), "{missing}");
    let unknown = Flags {
        profile: Some("staging".to_owned()),
        ..Flags::default()
    };
    let error = Settings::from_parts(&unknown, &env(&[]), Some(&file()))
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("no profile 'staging'") && error.contains("'local'"),
        "{error}"
    );
    for (text, expected) in [
        ("colour = 1", "unknown key 'colour'"),
        ("[profiles.a]\nport = 1", "profile 'a': unknown key 'port'"),
        ("[profiles.a]\ndemo = 'yes'", "demo must be true or false"),
        ("[profiles.a]\nformat = 'xml'", "unknown format 'xml'"),
        ("profile = 'b'\n[profiles.a]", "names no [profiles.b]"),
        ("profile = ", "string"),
    ] {
        let error = ConfigFile::parse(text).unwrap_err();
        assert!(error.contains(expected), "{text:?}: {error}");
    }
}

#[test]
fn secrets_stay_out_of_debug_output() {
    let file = ConfigFile::parse("[profiles.a]\nclient_secret = 'hunter2'").unwrap();
    assert!(!format!("{file:?}").contains("hunter2"));
}
