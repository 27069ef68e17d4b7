//! The `gtmsql` command.

use std::process::ExitCode;

fn main() -> ExitCode {
    use std::io::Write;
    let _ = writeln!(
        std::io::stdout(),
        "gtmsql {}: the SQL engine is not built yet; run `gtmsql-emulator --help` for the GTM Studio emulator",
        gtmsql::VERSION
    );
    ExitCode::SUCCESS
}
