//! `techlead ci`: continuous integration set-up.

use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum CiCommand {
    /// Write a CI workflow: techlead check (code scanning / code quality), the report as an
    /// artefact, the snapshot pushed to the organisation store when TECHLEAD_STORE is set
    Init(CiInit),
}

#[derive(Debug, Args)]
pub struct CiInit {
    /// Where the pipeline runs
    #[arg(value_enum)]
    pub provider: CiProvider,
    /// Overwrite the workflow file if it exists (never the user's .gitlab-ci.yml)
    #[arg(long)]
    pub force: bool,
    /// The git repository the pipeline installs techlead from
    #[arg(long, value_name = "URL", default_value = env!("CARGO_PKG_REPOSITORY"))]
    pub git: String,
    /// The branch, tag or commit of that repository to install (pin a tag or a commit for
    /// a gate that changes only when you say so)
    #[arg(long = "ref", value_name = "REF", default_value = "main")]
    pub git_ref: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CiProvider {
    /// GitHub Actions: .github/workflows/techlead.yml
    Github,
    /// GitLab CI/CD: .gitlab/techlead.yml, included from .gitlab-ci.yml
    Gitlab,
}
