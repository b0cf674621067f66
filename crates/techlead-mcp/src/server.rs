//! The protocol side: rmcp's server handler over our tool table, resources
//! and prompts. Each request opens the project and runs on tokio's
//! blocking pool (the contexts' work is plain synchronous code that reads
//! files and git), so one slow history walk never stalls the protocol.

use crate::project::{Open, Session};
use crate::tools::{Tool, ToolError};
use crate::{Allowed, State, prompts, resources};
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, GetPromptRequestParams,
    GetPromptResponse, GetPromptResult, Implementation, ListPromptsResult,
    ListResourceTemplatesResult, ListResourcesResult, ListToolsResult, PaginatedRequestParams,
    Prompt, PromptArgument, PromptMessage, ReadResourceRequestParams, ReadResourceResponse,
    ReadResourceResult, Resource, ResourceContents, ResourceTemplate, Role, ServerCapabilities,
    ServerConfig, ToolAnnotations,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler};
use std::sync::Arc;

/// The server: shared by every connection of an HTTP server.
#[derive(Clone)]
pub struct Server {
    inner: Arc<Inner>,
}

struct Inner {
    open: Arc<Open>,
    allowed: Allowed,
    tools: Vec<Tool>,
    state: State,
}

impl Server {
    pub fn new(open: Arc<Open>, allowed: Allowed) -> Server {
        let tools = crate::tools::all()
            .into_iter()
            .filter(|t| allowed.write || !t.writes)
            .collect();
        Server {
            inner: Arc::new(Inner {
                open,
                allowed,
                tools,
                state: State {
                    online: allowed.online,
                    ..State::default()
                },
            }),
        }
    }

    /// Runs `f` on the blocking pool with the project opened for this
    /// request; the caches it updated are written when it succeeds.
    async fn with_session<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Session, &Inner) -> Result<T, ToolError> + Send + 'static,
    ) -> Result<T, ToolError> {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let project = (inner.open)()
                .map_err(|e| ToolError::Input(techlead_core::InputError::new(format!("{e:#}"))))?;
            let session = Session::new(&*project, &inner.state);
            let out = f(&session, &inner)?;
            session.save_caches();
            Ok(out)
        })
        .await
        .unwrap_or_else(|e| {
            Err(ToolError::Input(techlead_core::InputError::new(format!(
                "the request failed: {e}"
            ))))
        })
    }
}

fn tool_error(e: &ToolError) -> CallToolResult {
    CallToolResult::error(vec![ContentBlock::text(e.to_string())])
}

/// A request the server cannot answer at all: JSON-RPC invalid params.
fn invalid(e: &ToolError) -> ErrorData {
    ErrorData::invalid_params(e.to_string(), None)
}

impl ServerHandler for Server {
    fn get_info(&self) -> ServerConfig {
        let mut caps = ServerCapabilities::builder()
            .enable_tools()
            .enable_resources()
            .enable_prompts()
            .build();
        // The tool list is fixed for the server's lifetime.
        if let Some(t) = caps.tools.as_mut() {
            t.list_changed = Some(false);
        }
        ServerConfig::new(caps)
            .with_server_info(
                Implementation::new("techlead", env!("CARGO_PKG_VERSION"))
                    .with_title("techlead: the team's decisions, boundaries and radar"),
            )
            .with_instructions(crate::instructions(self.inner.allowed))
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(
            self.inner.tools.iter().map(describe).collect(),
        ))
    }

    fn get_tool(&self, name: &str) -> Option<rmcp::model::Tool> {
        self.inner
            .tools
            .iter()
            .find(|t| t.name == name)
            .map(describe)
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let name = request.name.to_string();
        let Some(index) = self.inner.tools.iter().position(|t| t.name == name) else {
            let hint = if crate::tools::all()
                .iter()
                .any(|t| t.name == name && t.writes)
            {
                " (it writes files: start the server with --allow-write)"
            } else {
                ""
            };
            return Err(ErrorData::invalid_params(
                format!("unknown tool `{name}`{hint}"),
                None,
            ));
        };
        let args = request
            .arguments
            .map(serde_json::Value::Object)
            .unwrap_or(serde_json::Value::Null);
        let result = self
            .with_session(move |session, inner| inner.tools[index].call(session, args))
            .await;
        Ok(match result {
            Ok(value) => CallToolResult::structured(value),
            Err(e) => tool_error(&e),
        }
        .into())
    }

    async fn list_resources(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, ErrorData> {
        let listed = self
            .with_session(|session, _| resources::list(session))
            .await
            .map_err(|e| ErrorData::internal_error(e.to_string(), None))?;
        Ok(ListResourcesResult::with_all_items(
            listed
                .into_iter()
                .map(|r| {
                    let mut res = Resource::new(r.uri, r.name)
                        .with_description(r.description)
                        .with_mime_type(r.mime_type);
                    if let Some(t) = r.title {
                        res = res.with_title(t);
                    }
                    res
                })
                .collect(),
        ))
    }

    async fn list_resource_templates(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourceTemplatesResult, ErrorData> {
        Ok(ListResourceTemplatesResult::with_all_items(vec![
            ResourceTemplate::new(format!("{}{{id}}", resources::DECISIONS), "decision")
                .with_title("A decision record by its file name")
                .with_mime_type("text/markdown"),
            ResourceTemplate::new(format!("{}{{id}}", resources::RADAR), "technology")
                .with_title("A technology radar record by its file name")
                .with_mime_type("text/markdown"),
        ]))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, ErrorData> {
        let uri = request.uri;
        let asked = uri.clone();
        let read = self
            .with_session(move |session, _| resources::read(session, &asked))
            .await
            .map_err(|e| ErrorData::internal_error(e.to_string(), None))?;
        match read {
            Some(r) => Ok(ReadResourceResult::new(vec![
                ResourceContents::text(r.text, r.uri).with_mime_type(r.mime_type),
            ])
            .into()),
            None => Err(ErrorData::resource_not_found(
                format!("no resource `{uri}` in this project"),
                Some(serde_json::json!({ "uri": uri })),
            )),
        }
    }

    async fn list_prompts(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListPromptsResult, ErrorData> {
        Ok(ListPromptsResult::with_all_items(
            prompts::PROMPTS
                .iter()
                .map(|p| {
                    Prompt::new(
                        p.name,
                        Some(p.description),
                        Some(
                            p.arguments
                                .iter()
                                .map(|(name, description, required)| {
                                    PromptArgument::new(*name)
                                        .with_description(*description)
                                        .with_required(*required)
                                })
                                .collect(),
                        ),
                    )
                    .with_title(p.title)
                })
                .collect(),
        ))
    }

    async fn get_prompt(
        &self,
        request: GetPromptRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<GetPromptResponse, ErrorData> {
        let name = request.name.clone();
        let args = request.arguments.unwrap_or_default();
        let asked = name.clone();
        let text = self
            .with_session(move |session, inner| {
                prompts::render(session, &asked, &args, inner.allowed.write)
            })
            .await
            .map_err(|e| invalid(&e))?;
        match text {
            Some(t) => Ok(
                GetPromptResult::new(vec![PromptMessage::new_text(Role::User, t)])
                    .with_description(
                        prompts::PROMPTS
                            .iter()
                            .find(|p| p.name == name)
                            .map_or("", |p| p.title),
                    )
                    .into(),
            ),
            None => Err(ErrorData::invalid_params(
                format!("unknown prompt `{name}`"),
                None,
            )),
        }
    }
}

/// A tool as `tools/list` shows it.
fn describe(t: &Tool) -> rmcp::model::Tool {
    rmcp::model::Tool::new(t.name, t.description, t.input_schema.clone())
        .with_title(t.title)
        .with_raw_output_schema(t.output_schema.clone())
        .with_annotations(
            ToolAnnotations::with_title(t.title)
                .read_only(!t.writes)
                .destructive(false)
                .idempotent(!t.writes || t.name == "link_decisions")
                .open_world(false),
        )
}
