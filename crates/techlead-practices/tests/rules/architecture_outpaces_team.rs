use crate::{Practices, check};

const COMPOSE: &str = "services:\n  orders:\n    build: ./orders\n  billing:\n    build: ./billing\n  db:\n    image: postgres:16\n";

fn project() -> Practices {
    Practices::new("[practices]\n")
        .file("compose.yaml", COMPOSE)
        .file("orders/main.py", "print('orders')\n")
        .file("billing/main.py", "print('billing')\n")
}

#[test]
fn architecture_outpaces_team() {
    // Two services built here (the database is not ours) and one person.
    let hit = project().commit("Alice", 5, &["orders/main.py", "billing/main.py"]);
    // The same two services and three people working on them.
    let near_miss = project()
        .commit("Alice", 5, &["orders/main.py"])
        .commit("Bob", 4, &["billing/main.py"])
        .commit("Carol", 3, &["orders/main.py"]);
    check("practices/architecture-outpaces-team", hit, near_miss);
}
