//! A decisions folder as real teams have them: every format at once, and
//! the messy variants found in public repositories.

use super::fixture::Project;

pub fn messy_folder(p: &Project) {
    p.write(
        "docs/adr/0001-record-architecture-decisions.md",
        "# 1. Record architecture decisions\r\n\r\nDate: 2018-01-10\r\n\r\n## Status\r\n\r\nAccepted\r\n\r\n## Context\r\n\r\nWe need to record decisions.\r\n",
    );
    p.write(
        "docs/adr/0002-use-postgres.md",
        "# 2. Use Postgres\n\nDate: 2019-05-13, updated 2023-02-05 (moved to managed hosting)\n\n## Status\n\nSuperceded by [3. Use CockroachDB](0003-use-cockroachdb.md)\n\n## Context\n\nOrders need a relational store.\n",
    );
    p.write(
        "docs/adr/0003-use-cockroachdb.md",
        "# Use CockroachDB\n\n* Status: accepted\n* Deciders: Ann Lee, Bob Stone\n* Date: 2020-02-01\n* Tags: storage, orders\n\n## Context and Problem Statement\n\nWe need multi-region writes.\n\n## Links\n\n* Supersedes [ADR-0002](0002-use-postgres.md)\n",
    );
    p.write(
        "docs/adr/0004-event-bus.md",
        "\u{feff}---\nstatus: on hold\ndate: 2021-07-01\ndecision-makers:\n  - Cleo\ntags: [messaging]\nx-custom: keep me\n---\n\n# Event bus\n\n## Context and Problem Statement\n\nServices poll each other.\n",
    );
    p.write(
        "docs/adr/0009-numbered-title.md",
        "# 0009. Numbered title\n\nDate: 2022-03-04\n\n## Status\n\nAccepted. We revisit this in Q3.\n",
    );
    p.write(
        "docs/adr/0010-reverted-choice.md",
        "# 10. Reverted choice\n\nDate: 2022-05-06\n\n## Status\n\nReverted by [discussion #1198](https://example.com/discussions/1198)\n",
    );
    p.write(
        "docs/adr/0011-docs-site-keys.md",
        "---\nparent: Decisions\nnav_order: 11\n---\n\n# Docs site keys\n\nNo status here, only a title.\n",
    );
    p.write("docs/adr/README.md", "# Decisions\n\nNot a record.\n");
    p.write("docs/adr/template.md", "# Template\n\nNot a record.\n");
}
