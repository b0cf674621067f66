//! `deployment`: deployment described as code (Dockerfiles, compose,
//! Kubernetes manifests, Helm, Kustomize, Terraform, Pulumi, serverless
//! configs, platform files such as fly.toml, vercel.json, Procfile) and a
//! CI job that deploys. 5 points each. A project that deploys nothing but
//! is released as a package (publish steps, release tags, a publishable
//! manifest) is n/a: a library has no deployment to fail.

use super::pinned::{dockerfile, example};
use crate::facts::Facts;
use crate::model::{CheckResult, Evidence};

/// What the tree and CI say about deploying and publishing.
#[derive(Debug, Default)]
pub struct Deploy {
    /// Deployment described as code: (path, line, what).
    pub files: Vec<(String, Option<u32>, &'static str)>,
    /// CI steps that deploy.
    pub jobs: Vec<Evidence>,
    /// CI steps that publish packages or release binaries.
    pub publishes: Vec<Evidence>,
}

impl Deploy {
    pub fn deploys(&self) -> bool {
        !self.files.is_empty() || !self.jobs.is_empty()
    }
}

/// What a file describes, when it describes deployment.
fn described(f: &Facts, path: &str) -> Option<(Option<u32>, &'static str)> {
    let name = path.rsplit('/').next().unwrap_or(path);
    if example(path) || path.starts_with(".devcontainer/") || path.contains("/.devcontainer/") {
        return None;
    }
    if dockerfile(path) {
        return Some((None, "Dockerfile"));
    }
    let what = match name {
        "docker-compose.yml" | "docker-compose.yaml" | "compose.yml" | "compose.yaml" => "Compose",
        _ if name.starts_with("docker-compose.")
            && (name.ends_with(".yml") || name.ends_with(".yaml")) =>
        {
            "Compose"
        }
        "Chart.yaml" => "Helm chart",
        "kustomization.yaml" | "kustomization.yml" => "Kustomize",
        "Pulumi.yaml" | "Pulumi.yml" => "Pulumi",
        "serverless.yml" | "serverless.yaml" | "serverless.ts" => "Serverless Framework",
        "samconfig.toml" => "AWS SAM",
        "cdk.json" => "AWS CDK",
        "fly.toml" => "Fly.io",
        "vercel.json" => "Vercel",
        "netlify.toml" => "Netlify",
        "Procfile" => "Procfile",
        "render.yaml" => "Render",
        "railway.json" | "railway.toml" => "Railway",
        "heroku.yml" => "Heroku",
        "app.yaml" if f.read(path).is_some_and(|t| t.contains("runtime:")) => "Google App Engine",
        "Dockerrun.aws.json" => "Elastic Beanstalk",
        "apprunner.yaml" => "AWS App Runner",
        "wrangler.toml" | "wrangler.json" | "wrangler.jsonc" => "Cloudflare Workers",
        "firebase.json" => "Firebase",
        "skaffold.yaml" => "Skaffold",
        "Tiltfile" => "Tilt",
        ".platform.app.yaml" => "Platform.sh",
        "Capfile" => "Capistrano",
        _ if name.ends_with(".tf") => "Terraform",
        _ if name.ends_with(".nomad") || name.ends_with(".nomad.hcl") => "Nomad",
        _ if (path == "config/deploy.yml" || path.ends_with("/config/deploy.yml")) => "Kamal",
        _ if (name.ends_with(".yaml") || name.ends_with(".yml"))
            && !path.starts_with(".github/") =>
        {
            return kubernetes(f, path).map(|l| (Some(l), "Kubernetes"));
        }
        _ => return None,
    };
    Some((None, what))
}

/// The line of a Kubernetes workload or service kind in a YAML file.
pub fn kubernetes(f: &Facts, path: &str) -> Option<u32> {
    const KINDS: &[&str] = &[
        "Deployment",
        "StatefulSet",
        "DaemonSet",
        "Service",
        "Ingress",
        "CronJob",
        "Job",
        "Rollout",
        "Knative",
        "HorizontalPodAutoscaler",
    ];
    let text = f.read(path)?;
    if !text.contains("apiVersion:") {
        return None;
    }
    text.lines()
        .position(|l| {
            l.strip_prefix("kind:")
                .is_some_and(|k| KINDS.contains(&k.trim().trim_matches(['"', '\''])))
        })
        .map(|i| i as u32 + 1)
}

/// Deploy steps by tool and subcommand.
pub(crate) fn deploys(tool: &str, sub: &[&str], args: &[String]) -> bool {
    let first = sub.first().copied().unwrap_or_default();
    match tool {
        "kubectl" => matches!(first, "apply" | "rollout" | "set" | "create" | "replace"),
        "helm" => matches!(first, "upgrade" | "install"),
        "helmfile" => matches!(first, "apply" | "sync"),
        "terraform" | "tofu" | "terragrunt" => first == "apply",
        "pulumi" => first == "up",
        "flyctl" | "fly" | "netlify" | "serverless" | "sls" | "sam" | "cdk" | "kamal" | "eb"
        | "firebase" | "railway" | "wrangler" => {
            matches!(first, "deploy" | "up" | "publish")
        }
        "vercel" => first == "deploy" || args.iter().any(|a| a == "--prod"),
        "gcloud" => sub.contains(&"deploy"),
        "az" => sub.iter().any(|s| matches!(*s, "deploy" | "up")),
        "aws" => {
            matches!(
                sub.get(1),
                Some(&"update-service") | Some(&"update-function-code") | Some(&"deploy")
            ) || first == "deploy"
        }
        "cap" => sub.contains(&"deploy"),
        "argocd" => sub.starts_with(&["app", "sync"]),
        "skaffold" => matches!(first, "run" | "deploy"),
        "ansible-playbook" | "heroku" => true,
        "docker" => first == "push",
        _ => false,
    }
}

fn publishes(tool: &str, sub: &[&str]) -> bool {
    let first = sub.first().copied().unwrap_or_default();
    match tool {
        "cargo" | "npm" | "pnpm" | "yarn" | "poetry" | "flit" | "hatch" | "uv" | "vsce"
        | "ovsx" => first == "publish",
        "twine" => first == "upload",
        "gem" => first == "push",
        "mvn" | "mvnw" => sub.contains(&"deploy"),
        "gradle" | "gradlew" => sub.iter().any(|s| s.starts_with("publish")),
        "dotnet" => sub.starts_with(&["nuget", "push"]),
        "goreleaser" | "semantic-release" => true,
        "gh" => sub.starts_with(&["release", "create"]) || sub.starts_with(&["release", "upload"]),
        _ => false,
    }
}

const DEPLOY_ACTIONS: &[&str] = &[
    "docker/build-push-action",
    "aws-actions/amazon-ecs-deploy-task-definition",
    "azure/webapps-deploy",
    "azure/k8s-deploy",
    "google-github-actions/deploy-cloudrun",
    "google-github-actions/deploy-appengine",
    "superfly/flyctl-actions",
    "amondnet/vercel-action",
    "akhileshns/heroku-deploy",
    "cloudflare/wrangler-action",
    "appleboy/ssh-action",
    "helm/chart-releaser-action",
];

const PUBLISH_ACTIONS: &[&str] = &[
    "pypa/gh-action-pypi-publish",
    "softprops/action-gh-release",
    "changesets/action",
    "goreleaser/goreleaser-action",
    "googleapis/release-please-action",
    "google-github-actions/release-please-action",
    "ncipollo/release-action",
    "taiki-e/upload-rust-binary-action",
    "rust-build/rust-build.action",
];

pub fn deployed(f: &Facts) -> Deploy {
    let mut d = Deploy::default();
    for p in f.files() {
        if let Some((line, what)) = described(f, p) {
            // One Terraform entry per folder is enough.
            if what == "Terraform" {
                let dir = p.rsplit_once('/').map_or("", |(d, _)| d);
                if d.files
                    .iter()
                    .any(|(q, _, w)| *w == what && q.rsplit_once('/').map_or("", |(d, _)| d) == dir)
                {
                    continue;
                }
            }
            d.files.push((p.clone(), line, what));
        }
    }
    for (line, action, _) in f.ci.uses() {
        let a = action.to_ascii_lowercase();
        if DEPLOY_ACTIONS.iter().any(|x| a.starts_with(x))
            || a.starts_with("google-github-actions/deploy")
        {
            d.jobs.push(Evidence::file(
                &line.path,
                Some(line.line),
                format!("deploys with {action}"),
            ));
        } else if PUBLISH_ACTIONS.iter().any(|x| a.starts_with(x)) {
            d.publishes.push(Evidence::file(
                &line.path,
                Some(line.line),
                format!("publishes with {action}"),
            ));
        }
    }
    for (line, cmd) in f.ci.commands() {
        let sub = cmd.subcommands(3);
        if deploys(cmd.tool(), &sub, cmd.args()) {
            d.jobs.push(Evidence::file(
                &line.path,
                Some(line.line),
                format!("`{}`", cmd.text()),
            ));
        } else if publishes(cmd.tool(), &sub) {
            d.publishes.push(Evidence::file(
                &line.path,
                Some(line.line),
                format!("`{}`", cmd.text()),
            ));
        }
    }
    d
}

/// Why this looks like a package rather than a service, if it does.
fn released_as_package(f: &Facts, d: &Deploy) -> Option<String> {
    if let Some(crate::model::Evidence::File { path, line, detail }) = d.publishes.first() {
        let at = line.map_or(path.clone(), |l| format!("{path}:{l}"));
        return Some(format!("published by CI ({at}: {detail})"));
    }
    if let Some(t) = f.history.and_then(|h| h.tags.last()) {
        return Some(format!("released by tags ({})", t.name));
    }
    library_manifest(f)
}

/// Web frameworks: a manifest that depends on one describes a service,
/// whatever else it says.
const SERVERS: &[&str] = &[
    "axum",
    "actix-web",
    "rocket",
    "warp",
    "poem",
    "tide",
    "django",
    "fastapi",
    "flask",
    "starlette",
    "aiohttp",
    "tornado",
    "sanic",
    "express",
    "fastify",
    "koa",
    "@nestjs/core",
    "next",
    "nuxt",
    "hapi",
    "@hapi/hapi",
    "rails",
    "sinatra",
    "laravel/framework",
    "symfony/framework-bundle",
];

/// Whether a manifest names a web framework as a dependency (by its
/// quoted or line-leading name: `axum = "0.7"`, `"express": "^4"`,
/// `"fastapi>=0.110"`).
fn names_server(text: &str) -> bool {
    text.lines().any(|l| {
        let t = l.trim().trim_start_matches(['"', '\'', '-', ' ']);
        SERVERS.iter().any(|s| {
            t.strip_prefix(s).is_some_and(|rest| {
                rest.starts_with(['"', '\'', ' ', '=', '>', '<', '~', '^', '[', ','])
                    || rest.is_empty()
            })
        })
    })
}

/// A manifest that describes a library or a tool rather than a service:
/// a Rust package or workspace, a Python project with a build backend,
/// an npm package with an entry point that is not private, a gem, a Go
/// module without a `main` package folder; none of them naming a web
/// framework.
fn library_manifest(f: &Facts) -> Option<String> {
    let plain = |path: &str| f.read(path).filter(|t| !names_server(t));
    if plain("Cargo.toml").is_some_and(|t| t.contains("[package]") || t.contains("[workspace]")) {
        return Some("a Rust crate (Cargo.toml)".into());
    }
    if f.has("setup.py") && plain("setup.py").is_some()
        || plain("pyproject.toml").is_some_and(|t| t.contains("[build-system]"))
    {
        return Some("a Python package (its build backend)".into());
    }
    if let Some(t) = plain("package.json")
        && let Ok(v) = serde_json::from_str::<serde_json::Value>(&t)
        && v["private"] != true
        && ["main", "exports", "module", "types"]
            .iter()
            .any(|k| !v[k].is_null())
    {
        return Some("an npm package (package.json)".into());
    }
    if f.files()
        .iter()
        .any(|p| !p.contains('/') && p.ends_with(".gemspec"))
    {
        return Some("a gem".into());
    }
    if f.has("go.mod") && !f.has("main.go") && !f.files().iter().any(|p| p.starts_with("cmd/")) {
        return Some("a Go module without a main package".into());
    }
    None
}

pub fn deployment(f: &Facts) -> CheckResult {
    let d = f.deploy();
    if !d.deploys() {
        if let Some(why) = released_as_package(f, d) {
            return CheckResult::not_applicable(
                "deployment",
                format!("nothing here is deployed: {why}, not a service"),
            );
        }
        if f.code.source_lines() == 0 {
            return CheckResult::not_applicable("deployment", "no code to deploy");
        }
        return CheckResult::scored(
            "deployment",
            0.0,
            "no deployment described as code and no deploy job in CI",
        );
    }
    let mut kinds: Vec<&str> = d.files.iter().map(|(_, _, w)| *w).collect();
    kinds.sort();
    kinds.dedup();
    let mut evidence: Vec<Evidence> = d
        .files
        .iter()
        .take(super::EXAMPLES)
        .map(|(p, l, w)| Evidence::file(p, *l, *w))
        .collect();
    evidence.extend(d.jobs.iter().take(super::EXAMPLES).cloned());
    let (score, reason) = match (d.files.is_empty(), d.jobs.is_empty()) {
        (false, false) => (
            10.0,
            format!(
                "deployment as code ({}) and a CI job that deploys",
                kinds.join(", ")
            ),
        ),
        (false, true) => (
            5.0,
            format!(
                "deployment as code ({}), but no CI job deploys",
                kinds.join(", ")
            ),
        ),
        _ => (
            5.0,
            "a CI job deploys, but nothing describes the deployment as code".to_string(),
        ),
    };
    CheckResult::scored("deployment", score, reason).with(evidence)
}

#[cfg(test)]
mod tests {
    #[test]
    fn servers() {
        assert!(super::names_server("[dependencies]\naxum = \"0.7\"\n"));
        assert!(super::names_server("  \"express\": \"^4.19.0\",\n"));
        assert!(super::names_server(
            "dependencies = [\n  \"fastapi>=0.110\",\n]\n"
        ));
        assert!(!super::names_server(
            "[dependencies]\naxum-extra-helpers = \"1\"\nserde = \"1\"\n"
        ));
        assert!(!super::names_server("name = \"flask-login\"\n"));
    }
}
