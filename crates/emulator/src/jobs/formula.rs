//! FORMULA columns, evaluated per row as JavaScript by an embedded QuickJS engine.
//!
//! The real service compiles a prose prompt to JavaScript with a model; the emulator cannot,
//! so it takes the prompt itself as the program (or `scriptConfiguration.expression` when
//! given). The program is a JavaScript expression, or a function body with `return`, run with
//! the row's values in scope: each column by its display name as a property of `row`
//! (`row["Full Name"]`), and — inside a `with (row)` block — as a bare identifier when the name
//! is one (`Email`), plus snake_case and camelCase aliases (`full_name`, `fullName`). Blank
//! cells are `null`. A program that does not compile, throws, runs longer than 100 ms or
//! allocates more than 32 MiB fails its cell with ERROR and the engine's message.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rquickjs::context::EvalOptions;
use rquickjs::{Context, Ctx, Function, Runtime};
use serde_json::{Map, Value};

/// Time one evaluation may take.
const TIME_LIMIT: Duration = Duration::from_millis(100);

/// A JavaScript engine for a batch of rows.
pub(crate) struct FormulaEngine {
    runtime: Runtime,
    context: Context,
    compiled: HashMap<String, Result<String, String>>,
    deadline: Arc<std::sync::Mutex<Option<Instant>>>,
    timed_out: Arc<AtomicBool>,
}

impl std::fmt::Debug for FormulaEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FormulaEngine")
            .field("compiled", &self.compiled.len())
            .finish_non_exhaustive()
    }
}

impl FormulaEngine {
    /// A fresh engine (one runtime and context).
    pub(crate) fn new() -> Result<Self, String> {
        let runtime = Runtime::new().map_err(|e| format!("JavaScript engine: {e}"))?;
        runtime.set_memory_limit(32 << 20);
        runtime.set_max_stack_size(512 << 10);
        let deadline: Arc<std::sync::Mutex<Option<Instant>>> = Arc::default();
        let timed_out = Arc::new(AtomicBool::new(false));
        {
            let deadline = Arc::clone(&deadline);
            let timed_out = Arc::clone(&timed_out);
            runtime.set_interrupt_handler(Some(Box::new(move || {
                let due = deadline
                    .lock()
                    .ok()
                    .and_then(|d| *d)
                    .is_some_and(|d| Instant::now() > d);
                if due {
                    timed_out.store(true, Ordering::SeqCst);
                }
                due
            })));
        }
        let context = Context::full(&runtime).map_err(|e| format!("JavaScript engine: {e}"))?;
        Ok(Self {
            runtime,
            context,
            compiled: HashMap::new(),
            deadline,
            timed_out,
        })
    }

    /// Checks that `program` compiles; the error is the engine's message.
    pub(crate) fn check(program: &str) -> Result<(), String> {
        let mut engine = Self::new()?;
        engine.compile(program).map(|_| ())
    }

    fn compile(&mut self, program: &str) -> Result<String, String> {
        if let Some(done) = self.compiled.get(program) {
            return done.clone();
        }
        let name = format!("__formula_{}", self.compiled.len());
        let result = self.context.with(|ctx| {
            let as_expression =
                format!("(function(row) {{ with (row) {{ return (\n{program}\n); }} }})");
            let as_body = format!("(function(row) {{ with (row) {{\n{program}\n}} }})");
            // Sloppy mode: `with` is what puts the row's columns in scope.
            let sloppy = || {
                let mut options = EvalOptions::default();
                options.strict = false;
                options
            };
            let compiled: Result<Function<'_>, String> = ctx
                .eval_with_options::<Function<'_>, _>(as_expression, sloppy())
                .or_else(|_| ctx.eval_with_options::<Function<'_>, _>(as_body, sloppy()))
                .map_err(|_| exception_message(&ctx));
            match compiled {
                Ok(f) => ctx
                    .globals()
                    .set(name.as_str(), f)
                    .map(|()| name.clone())
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e),
            }
        });
        self.compiled.insert(program.to_owned(), result.clone());
        result
    }

    /// Evaluates `program` for one row (display name → value); `Ok(None)` for a
    /// `null`/`undefined` result.
    pub(crate) fn eval(
        &mut self,
        program: &str,
        row: &Map<String, Value>,
    ) -> Result<Option<Value>, String> {
        let name = self.compile(program)?;
        let scope = Value::Object(with_aliases(row)).to_string();
        *self.deadline.lock().map_err(|e| e.to_string())? = Some(Instant::now() + TIME_LIMIT);
        self.timed_out.store(false, Ordering::SeqCst);
        let out = self.context.with(|ctx| -> Result<Option<Value>, String> {
            let f: Function<'_> = ctx
                .globals()
                .get(name.as_str())
                .map_err(|e| e.to_string())?;
            let arg = ctx.json_parse(scope).map_err(|e| e.to_string())?;
            let result: rquickjs::Value<'_> = match f.call((arg,)) {
                Ok(v) => v,
                Err(_) => return Err(exception_message(&ctx)),
            };
            if result.is_undefined() || result.is_null() || result.is_function() {
                return Ok(None);
            }
            let text = ctx
                .json_stringify(result)
                .map_err(|_| exception_message(&ctx))?;
            match text {
                None => Ok(None),
                Some(s) => {
                    let s = s.to_string().map_err(|e| e.to_string())?;
                    serde_json::from_str(&s)
                        .map(Some)
                        .map_err(|e| e.to_string())
                }
            }
        });
        *self.deadline.lock().map_err(|e| e.to_string())? = None;
        if self.timed_out.swap(false, Ordering::SeqCst) {
            return Err(format!(
                "the formula ran longer than {} ms and was stopped",
                TIME_LIMIT.as_millis()
            ));
        }
        self.runtime.run_gc();
        out
    }
}

fn exception_message(ctx: &Ctx<'_>) -> String {
    let exc = ctx.catch();
    if let Some(obj) = exc.as_object() {
        let name: Option<String> = obj.get("name").ok();
        let message: Option<String> = obj.get("message").ok();
        if let Some(message) = message {
            return match name {
                Some(n) => format!("{n}: {message}"),
                None => message,
            };
        }
    }
    if let Some(s) = exc.as_string().and_then(|s| s.to_string().ok()) {
        return s;
    }
    "the engine raised an exception".to_owned()
}

/// The row with snake_case and camelCase aliases of each column name added.
fn with_aliases(row: &Map<String, Value>) -> Map<String, Value> {
    let mut out = row.clone();
    for (name, value) in row {
        let words: Vec<String> = name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if words.is_empty() {
            continue;
        }
        let snake = words.join("_");
        let camel: String = words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if i == 0 {
                    w.clone()
                } else {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                        .unwrap_or_default()
                }
            })
            .collect();
        for alias in [snake, camel] {
            out.entry(alias).or_insert_with(|| value.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn row() -> Map<String, Value> {
        json!({"Email": "dana@northwind.io", "Full Name": "Dana Lin", "Employees": 420, "Notes": null})
            .as_object()
            .cloned()
            .unwrap()
    }

    #[test]
    fn expressions_see_the_row() {
        let mut e = FormulaEngine::new().unwrap();
        assert_eq!(
            e.eval("Email.split('@')[1]", &row()).unwrap(),
            Some(json!("northwind.io"))
        );
        assert_eq!(
            e.eval("row['Full Name'].toUpperCase()", &row()).unwrap(),
            Some(json!("DANA LIN"))
        );
        assert_eq!(
            e.eval("fullName + ' / ' + full_name", &row()).unwrap(),
            Some(json!("Dana Lin / Dana Lin"))
        );
        assert_eq!(
            e.eval("Employees > 100 ? 'mid' : 'small'", &row()).unwrap(),
            Some(json!("mid"))
        );
        assert_eq!(e.eval("Notes", &row()).unwrap(), None);
    }

    #[test]
    fn function_bodies_work_too() {
        let mut e = FormulaEngine::new().unwrap();
        let program = "if (Employees > 1000) return 'enterprise'; return 'growth';";
        assert_eq!(e.eval(program, &row()).unwrap(), Some(json!("growth")));
    }

    #[test]
    fn prose_is_a_clear_error() {
        let err = FormulaEngine::check("extract the domain from Email").unwrap_err();
        assert!(err.contains("SyntaxError"), "{err}");
        let mut e = FormulaEngine::new().unwrap();
        let err = e.eval("Emial.length", &row()).unwrap_err();
        assert!(err.contains("ReferenceError"), "{err}");
    }

    #[test]
    fn runaway_programs_are_stopped() {
        let mut e = FormulaEngine::new().unwrap();
        let err = e.eval("(() => { while (true) {} })()", &row()).unwrap_err();
        assert!(err.contains("longer than"), "{err}");
        // The engine keeps working afterwards.
        assert_eq!(e.eval("1 + 1", &row()).unwrap(), Some(json!(2)));
    }
}
