//! The user guide's curl walkthrough (`tests/scripts/guide.sh`: the guide's commands with only
//! the host changed) run by bash, curl and jq against a spawned `gtmsql-emulator`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn the_guides_curl_commands_work_with_only_the_host_changed() {
    for tool in ["bash", "curl", "jq"] {
        let found = Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .status()
            .is_ok_and(|s| s.success());
        assert!(
            found,
            "this test needs {tool} on PATH (.ci/run installs it)"
        );
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_gtmsql-emulator"))
        .args(["--memory", "--listen", "127.0.0.1:0", "--fast-jobs"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let parts: Vec<&str> = line.split_whitespace().collect();
    let output = Command::new("bash")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/scripts/guide.sh"
        ))
        .env("HOST", parts[2])
        .env(
            "ZOOMINFO_CLIENT_ID",
            parts[3].trim_start_matches("client_id="),
        )
        .env(
            "ZOOMINFO_CLIENT_SECRET",
            parts[4].trim_start_matches("client_secret="),
        )
        .output()
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains(r#""status":"SUCCEEDED""#), "{stdout}");
    let rows: serde_json::Value =
        serde_json::from_str(&stdout[stdout.find("{\n").unwrap()..]).unwrap();
    let values = |i: usize| {
        rows["data"][i]["attributes"]["values"]
            .as_array()
            .unwrap()
            .clone()
    };
    let dana = values(0);
    assert_eq!(dana[0]["value"], "dana@northwind.io");
    assert_eq!(dana[3]["state"], "RESULT", "Dana matched");
    assert_eq!(dana[4]["state"], "RESULT");
    assert!(dana[4]["value"].as_str().unwrap().contains("Northwind"));
    assert_eq!(values(1)[3]["state"], "RESULT", "Marco matched");
}
