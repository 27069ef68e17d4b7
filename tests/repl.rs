//! The interactive REPL, driven through a pseudo-terminal as a person would: Tab completion
//! of a column, a statement over two lines, Ctrl-C cancelling a slow query (and at the
//! prompt), meta-commands (`\d`, `\d NAME`, `\format`, `\o`, `\i`, `\timing`, an unknown
//! one), Ctrl-D and `\q`. The real `gtmsql` binary runs against an in-process emulator loaded
//! with the fixture, reached through the environment; its home directory is a fresh temporary
//! one (no config file or history of the machine). Every wait is bounded by [`TIMEOUT_MS`].
#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use gtmsql_emulator::{EmulatorConfig, JobPace};
use rexpect::process::WaitStatus;
use rexpect::reader::Options;
use rexpect::session::{PtySession, spawn_with_options};

/// The longest any expected output may take to appear.
const TIMEOUT_MS: u64 = 30_000;

/// The prompt, and the continuation prompt.
const PROMPT: &str = "gtmsql> ";
const CONTINUATION: &str = "     -> ";

/// The report line after a statement (`·` arrives byte by byte, hence `\S+`).
fn report(rows: &str) -> String {
    format!(r"{rows} \S+ [0-9.]+ s \S+ \d+ requests? \S+ \d+ retr(y|ies) \S+ [0-9.]+ (B|KiB)")
}

/// A temporary home directory, removed on drop.
struct Home(PathBuf);

impl Home {
    fn new(test: &str) -> Self {
        let path = std::env::temp_dir().join(format!("gtmsql-repl-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("temporary home");
        Self(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `gtmsql` in a pseudo-terminal, against an emulator holding the fixture.
struct Repl {
    pty: PtySession,
    home: Home,
    _env: Option<common::TestEnv>,
}

impl Repl {
    async fn start(test: &str, config: EmulatorConfig) -> Self {
        let env = common::TestEnv::with(config).await;
        common::fixture::load(&env.client).await;
        let remote = [
            ("GTMSQL_BASE_URL", env.emulator.base_url().to_owned()),
            ("ZOOMINFO_CLIENT_ID", env.emulator.client_id().to_owned()),
            (
                "ZOOMINFO_CLIENT_SECRET",
                env.emulator.client_secret().to_owned(),
            ),
        ];
        let mut repl = Self::spawn(test, &remote, Some(env));
        repl.expect(PROMPT);
        repl
    }

    /// `gtmsql` as a newcomer runs it: no credentials, so on its embedded emulator.
    fn start_embedded(test: &str) -> Self {
        Self::spawn(test, &[], None)
    }

    fn spawn(test: &str, vars: &[(&str, String)], env: Option<common::TestEnv>) -> Self {
        let home = Home::new(test);
        let mut command = Command::new(env!("CARGO_BIN_EXE_gtmsql"));
        command
            .env_clear()
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("TERM", "xterm-256color")
            .envs(vars.iter().map(|(k, v)| (k, v)))
            .current_dir(home.path());
        let options = Options::new()
            .timeout_ms(Some(TIMEOUT_MS))
            .strip_ansi_escape_codes(true);
        let pty = spawn_with_options(command, options).expect("gtmsql starts in a pty");
        Self {
            pty,
            home,
            _env: env,
        }
    }

    /// Waits for `text`; returns what came before it.
    fn expect(&mut self, text: &str) -> String {
        self.pty
            .exp_string(text)
            .unwrap_or_else(|e| panic!("waiting for {text:?}: {e}"))
    }

    /// Waits for a match of `pattern`; returns what came before it.
    fn expect_regex(&mut self, pattern: &str) -> String {
        self.pty
            .exp_regex(pattern)
            .map(|(before, _)| before)
            .unwrap_or_else(|e| panic!("waiting for /{pattern}/: {e}"))
    }

    /// Types `keys` (no Enter).
    fn type_keys(&mut self, keys: &str) {
        self.pty.send(keys).expect("typing");
        self.pty.flush().expect("typing");
    }

    /// Types `line` and Enter.
    fn enter(&mut self, line: &str) {
        self.type_keys(&format!("{line}\r"));
    }

    fn control(&mut self, key: char) {
        self.pty.send_control(key).expect("a control key");
    }

    /// Waits for the process to end and asserts it exited with success.
    fn assert_exits_cleanly(&mut self) {
        self.pty.exp_eof().expect("gtmsql ends");
        match self.pty.process().wait() {
            Ok(WaitStatus::Exited(_, 0)) => {}
            other => panic!("gtmsql ended with {other:?}"),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completion_multi_line_statements_and_meta_commands() {
    let mut repl = Repl::start(
        "main",
        EmulatorConfig::new()
            .with_listen("127.0.0.1:0".parse().expect("address"))
            .with_job_pace(JobPace::immediate())
            .with_ai_error_rate(0.0),
    )
    .await;

    // Tab completes a column name from a unique prefix; the completed query runs (it would
    // fail on `full_na`).
    repl.type_keys("SELECT full_na");
    repl.type_keys("\t");
    repl.expect("full_name");
    repl.enter(" FROM events.booth_scans WHERE employees >= 9000;");
    repl.expect_regex(r"\| full_name\s+\|");
    repl.expect("| Ken Thompson |");
    repl.expect_regex(&report("1 row"));
    repl.expect(PROMPT);

    // A qualified name completes from the table's alias, with FROM already typed.
    repl.type_keys("SELECT b.emp FROM events.booth_scans b WHERE b.employees >= 9000;");
    for _ in 0.."FROM events.booth_scans b WHERE b.employees >= 9000;".len() + 1 {
        repl.type_keys("\x1b[D");
    }
    repl.type_keys("\t");
    repl.expect("b.employees FROM");
    repl.enter("");
    repl.expect_regex(r"\| employees\s+\|");
    repl.expect("| 9000 ");
    repl.expect(PROMPT);

    // A statement over two lines: the continuation prompt, then the result.
    repl.enter("SELECT count(*) AS n");
    repl.expect(CONTINUATION);
    repl.enter("FROM events.booth_scans;");
    repl.expect_regex(r"\| 12\s+\|");
    repl.expect_regex(&report("1 row"));
    repl.expect(PROMPT);

    // \d lists the tables; \d NAME shows columns with their GTM Studio metadata.
    repl.enter("\\d");
    repl.expect_regex(r"\| events\s+\| booth_scans\s+\| CONTACT\s+\| 12\s+\|");
    repl.expect(PROMPT);
    repl.enter("\\d events.booth_scans");
    repl.expect_regex(r"\| full_name\s+\| Utf8View\s+\| yes\s+\| TEXT\s+\|");
    repl.expect_regex(r"\| employees\s+\| Int64\s+\| yes\s+\| INTEGER\s+\|");
    repl.expect(PROMPT);

    // A parse error and an unknown meta-command are one line each; the REPL goes on.
    repl.enter("SELEC 1;");
    repl.expect("Error: ");
    repl.expect(PROMPT);
    repl.enter("\\nope");
    repl.expect("Error: unknown command \\nope");
    repl.expect(PROMPT);

    // \format and \o: results go to the file, the report line stays on the terminal.
    let out = repl.home.path().join("out.csv");
    repl.enter("\\format csv");
    repl.expect("Output format is csv.");
    repl.enter(&format!("\\o {}", out.display()));
    repl.expect("Output goes to");
    repl.enter("SELECT full_name FROM events.booth_scans WHERE employees >= 9000;");
    repl.expect_regex(&report("1 row"));
    repl.enter("\\o");
    repl.expect("Output goes to the terminal.");
    assert_eq!(
        std::fs::read_to_string(&out).expect("the \\o file"),
        "full_name\nKen Thompson\n"
    );

    // \timing off drops the time from the report line; \i runs a file's statements and
    // meta-commands.
    repl.enter("\\timing off");
    repl.expect("Timing is off.");
    let script = repl.home.path().join("script.sql");
    std::fs::write(
        &script,
        "SELECT 40 + 2\n  AS answer;\n\\format markdown\nSELECT 'x' AS y;\n",
    )
    .expect("a script");
    repl.enter(&format!("\\i {}", script.display()));
    repl.expect_regex(r"answer\r?\n42");
    repl.expect_regex(r"1 row \S+ 0 requests \S+ 0 retries \S+ 0 B");
    repl.expect("| y   |");
    repl.expect(PROMPT);

    repl.enter("\\q");
    repl.assert_exits_cleanly();

    // The history keeps each statement as one entry, multi-line ones included.
    let history = std::fs::read_to_string(repl.home.path().join("data/gtmsql/history"))
        .expect("a history file");
    assert!(
        history.contains("SELECT count(*) AS n\\nFROM events.booth_scans;"),
        "{history}"
    );
    assert!(history.contains("\\\\d events.booth_scans"), "{history}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_cancels_a_slow_query_and_the_repl_goes_on() {
    // Every page of rows takes two minutes to come: longer than any wait of this test, so
    // only a cancellation lets it go on.
    let mut repl = Repl::start(
        "cancel",
        EmulatorConfig::new()
            .with_listen("127.0.0.1:0".parse().expect("address"))
            .with_job_pace(JobPace::immediate())
            .with_ai_error_rate(0.0)
            .with_faults("latency=120s@Rows_listRows".parse().expect("faults")),
    )
    .await;

    repl.enter("SELECT count(*) FROM events.booth_scans;");
    // The spinner shows once the statement has run a second.
    repl.expect("Ctrl-C cancels");
    repl.control('c');
    repl.expect_regex(&report("Cancelled"));
    repl.expect(PROMPT);

    // The session still answers.
    repl.enter("SELECT 1 AS one;");
    repl.expect_regex(r"\| one\s+\|");
    repl.expect_regex(&report("1 row"));
    repl.expect(PROMPT);

    // Ctrl-C at the continuation prompt drops the unfinished statement.
    repl.enter("SELECT 'unfinished'");
    repl.expect(CONTINUATION);
    repl.control('c');
    repl.expect(PROMPT);
    repl.enter("SELECT 2 AS two;");
    let before = repl.expect_regex(r"\| two\s+\|");
    assert!(!before.contains("Error"), "{before}");
    repl.expect(PROMPT);

    // Ctrl-D leaves.
    repl.control('d');
    repl.assert_exits_cleanly();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_run_opens_on_the_embedded_demo() {
    let mut repl = Repl::start_embedded("embedded");

    // One line says where the data is and how to switch to ZoomInfo.
    let banner = repl.expect(PROMPT);
    assert!(
        banner.contains("local GTM Studio emulator at http://127.0.0.1:")
            && banner.contains("set ZOOMINFO_CLIENT_ID and ZOOMINFO_CLIENT_SECRET"),
        "{banner}"
    );

    // \dt lists the demo audience.
    repl.enter("\\dt");
    repl.expect_regex(r"\| demo\s+\| saastr_2026_booth_scans\s+\| CONTACT\s+\| 8\s+\|");
    repl.expect(PROMPT);

    // Tab completes one of its columns; the query returns its rows.
    repl.type_keys("SELECT follow_up_an");
    repl.type_keys("\t");
    repl.expect("follow_up_angle");
    repl.enter(" IS NOT NULL AS enriched, email FROM demo.saastr_2026_booth_scans ORDER BY email;");
    repl.expect("| dana@northwind.io ");
    repl.expect("| marco@brightloom.com ");
    repl.expect_regex(&report("8 rows"));
    repl.expect(PROMPT);

    repl.control('d');
    repl.assert_exits_cleanly();
}
