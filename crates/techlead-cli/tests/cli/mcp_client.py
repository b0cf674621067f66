"""A real MCP client for `techlead mcp`, driven by tests/cli/mcp.rs.

It speaks to the server with the official Python SDK (PyPI `mcp`, pinned in
.ci/run), over stdio (the SDK starts `techlead mcp` itself) or streamable
HTTP (a URL), runs the calls a scenario file lists and writes what came back
to a JSON file for the Rust test to compare with the CLI's own JSON.

The SDK does the protocol checks itself: the handshake (`initialize`, or
`server/discover` in mode "auto"), and every successful tool result is
validated against the tool's declared output schema (a result that does
not fit raises, and the script fails). Protocol errors (unknown tool,
unknown resource or prompt) come back as MCPError with their JSON-RPC code.

Usage: mcp_client.py --scenario S.json --out O.json (--bin B --repo R [--allow-write] [--online] | --url U)
"""

import argparse
import asyncio
import json
import os
import sys

from mcp import Client, StdioServerParameters
from mcp.shared.exceptions import MCPError


def dump(model):
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


async def call(client, name, arguments):
    try:
        r = await client.call_tool(name, arguments)
    except MCPError as e:
        return {"protocol_error": {"code": e.code, "message": e.message}}
    return {
        "is_error": bool(r.is_error),
        "structured": r.structured_content,
        "text": [b.text for b in r.content if getattr(b, "type", "") == "text"],
    }


async def run(args):
    with open(args.scenario) as f:
        scenario = json.load(f)
    if args.url:
        server = args.url
    else:
        extra = ["--allow-write"] if args.allow_write else []
        extra += ["--online"] if args.online else []
        # The SDK passes a minimal environment; techlead's own settings
        # (today, the registries' addresses) go through.
        env = {
            k: v
            for k, v in os.environ.items()
            if k in ("PATH", "HOME") or k.startswith("TECHLEAD_")
        }
        server = StdioServerParameters(
            command=args.bin, args=["--repo", args.repo, "mcp", *extra], env=env, cwd=args.repo
        )
    out = {}
    async with Client(server, mode=scenario.get("mode", "legacy")) as client:
        out["protocol_version"] = client.protocol_version
        out["server_info"] = dump(client.server_info) if client.server_info else None
        out["instructions"] = client.instructions
        out["capabilities"] = dump(client.server_capabilities)
        tools = await client.list_tools()
        out["tools"] = [dump(t) for t in tools.tools]
        out["calls"] = {}
        for label, name, arguments in scenario.get("calls", []):
            out["calls"][label] = await call(client, name, arguments)
        if scenario.get("resources"):
            listed = await client.list_resources()
            out["resources"] = [dump(r) for r in listed.resources]
            out["resource_texts"] = {}
            for r in listed.resources:
                read = await client.read_resource(r.uri)
                out["resource_texts"][str(r.uri)] = [dump(c) for c in read.contents]
            templates = await client.list_resource_templates()
            out["resource_templates"] = [dump(t) for t in templates.resource_templates]
            out["resource_errors"] = {}
            for uri in scenario.get("bad_resources", []):
                try:
                    await client.read_resource(uri)
                    out["resource_errors"][uri] = None
                except MCPError as e:
                    out["resource_errors"][uri] = {"code": e.code, "message": e.message}
        if scenario.get("prompts") is not None:
            listed = await client.list_prompts()
            out["prompts"] = [dump(p) for p in listed.prompts]
            out["prompt_texts"] = {}
            for label, name, arguments in scenario["prompts"]:
                try:
                    got = await client.get_prompt(name, arguments)
                    out["prompt_texts"][label] = [m.content.text for m in got.messages]
                except MCPError as e:
                    out["prompt_texts"][label] = {"code": e.code, "message": e.message}
    with open(args.out, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--scenario", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--bin")
    p.add_argument("--repo")
    p.add_argument("--url")
    p.add_argument("--allow-write", action="store_true")
    p.add_argument("--online", action="store_true")
    asyncio.run(run(p.parse_args()))


if __name__ == "__main__":
    sys.exit(main())
