use crate::{Debt, check};

#[test]
fn expired_todo() {
    // Markers after code and in a shell script, past their dates on
    // 2026-01-15.
    let hit = Debt::new()
        .file(
            "src/pay.py",
            "def pay():\n    retry()  # TODO(alice, 2026-01-01, #123): drop the second retry\n",
        )
        .file(
            "deploy.sh",
            "#!/bin/sh\n# FIXME [2025-12-31] pin the image\n",
        );
    // Due today or later, no date, a date that is not a due date, and an
    // expired marker inside a string.
    let near_miss = Debt::new()
        .file(
            "src/pay.py",
            "# TODO(alice, 2026-01-15): today is fine\n# TODO(bob): no date\n# TODO: handle dates before 2000-01-01\nS = '# TODO(x, 2020-01-01): in a string'\n",
        )
        .file("src/lib.rs", "// FIXME due 2027-03-01: later\n");
    check("debt/expired-todo", hit, near_miss);
}
