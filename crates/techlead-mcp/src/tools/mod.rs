//! The tools, in one table: name, description, JSON Schemas of the input
//! and of the structured output (both derived from the Rust types the
//! call deserialises and serialises, so they cannot drift), and the call.
//! Each call is plain synchronous code over the contexts' library
//! functions; the protocol layer (`server.rs`) only routes to it.

mod architecture;
mod checks;
mod decisions;
mod health;
pub mod risk;
pub mod technology;
mod write;

use crate::project::Session;
use rmcp::handler::server::common::{schema_for_input, schema_for_output};
use rmcp::model::JsonObject;
use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::sync::Arc;
use techlead_core::InputError;

pub use decisions::{DecisionSummary, load_decisions, related_decisions, template_text, text_of};
pub use technology::technology_for_package;

/// Why a call did not answer. Every kind reaches the assistant as a tool
/// error with this text, so it can correct its call.
#[derive(Debug)]
pub enum ToolError {
    /// The arguments do not fit the input schema.
    BadArguments(String),
    /// A path outside the project root, or a write without `--allow-write`.
    Refused(String),
    /// Bad input in the project (a broken record, a missing folder), as the
    /// CLI reports it with exit 2.
    Input(InputError),
}

impl From<InputError> for ToolError {
    fn from(e: InputError) -> Self {
        ToolError::Input(e)
    }
}

impl std::fmt::Display for ToolError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ToolError::BadArguments(m) => write!(f, "bad arguments: {m}"),
            ToolError::Refused(m) => write!(f, "refused: {m}"),
            ToolError::Input(e) => write!(f, "{e}"),
        }
    }
}

type Call = dyn Fn(&Session, Value) -> Result<Value, ToolError> + Send + Sync;

/// One tool of the table.
pub struct Tool {
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    /// Changes files: listed and callable only with `--allow-write`.
    pub writes: bool,
    pub input_schema: Arc<JsonObject>,
    pub output_schema: Arc<JsonObject>,
    call: Box<Call>,
}

impl Tool {
    /// Runs the call; the notes the session gathered join the output.
    pub fn call(&self, session: &Session, args: Value) -> Result<Value, ToolError> {
        let mut out = (self.call)(session, args)?;
        let notes = session.take_notes();
        if let Value::Object(map) = &mut out
            && !notes.is_empty()
        {
            map.insert("notes".into(), json!(notes));
        }
        Ok(out)
    }
}

/// At most this many notes per answer: a tree with thousands of files the
/// scanners could not read should not drown the answer.
pub const MAX_NOTES: usize = 20;

fn tool<A, O>(
    name: &'static str,
    title: &'static str,
    description: &'static str,
    writes: bool,
    f: fn(&Session, A) -> Result<O, ToolError>,
) -> Tool
where
    A: DeserializeOwned + JsonSchema + 'static,
    O: Serialize + JsonSchema + 'static,
{
    let input_schema = schema_for_input::<A>()
        .unwrap_or_else(|e| panic!("tool {name}: the input schema is not an object: {e}"));
    let mut output = schema_for_output::<O>().as_ref().clone();
    // Every answer may carry notes (see `Session`).
    if let Some(Value::Object(props)) = output.get_mut("properties") {
        props.insert(
            "notes".into(),
            json!({
                "description": "What the answer is missing or had to skip (unreadable files, partial history), as the CLI would print on stderr.",
                "type": "array",
                "items": { "type": "string" }
            }),
        );
    }
    Tool {
        name,
        title,
        description,
        writes,
        input_schema,
        output_schema: Arc::new(output),
        call: Box::new(move |session, args| {
            // A call without arguments is a call with none set.
            let args = if args.is_null() { json!({}) } else { args };
            let args: A =
                serde_json::from_value(args).map_err(|e| ToolError::BadArguments(e.to_string()))?;
            let out = f(session, args)?;
            Ok(serde_json::to_value(out).expect("tool output serialises"))
        }),
    }
}

/// Every tool this build has, the writing ones included.
pub fn all() -> Vec<Tool> {
    let mut tools = Vec::new();
    tools.extend(decisions::tools());
    tools.extend(architecture::tools());
    tools.extend(technology::tools());
    tools.extend(risk::tools());
    tools.extend(checks::tools());
    tools.extend(write::tools());
    tools
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_schema_is_an_object_and_names_are_unique() {
        let tools = super::all();
        let mut names: Vec<&str> = tools.iter().map(|t| t.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), tools.len());
        for t in &tools {
            assert_eq!(
                t.input_schema.get("type"),
                Some(&serde_json::json!("object")),
                "{}",
                t.name
            );
            assert_eq!(
                t.output_schema.get("type"),
                Some(&serde_json::json!("object")),
                "{}",
                t.name
            );
            assert!(t.description.len() > 40, "{}: describe it", t.name);
        }
    }
}
