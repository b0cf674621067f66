use crate::{Radar, check};

#[test]
fn unknown_ring() {
    // A typo, and no ring at all.
    let hit = Radar::new()
        .record(
            "kafka",
            "name: Kafka\nquadrant: platforms\nring: adpot\ndate: 2024-01-10\n",
            "Our event log.\n",
        )
        .record(
            "nats",
            "name: NATS\nquadrant: platforms\ndate: 2024-01-10\n",
            "Being looked at.\n",
        );
    // Rings compare without case, and a team's own rings count once
    // configured.
    let near_miss = Radar::new()
        .config("[radar]\nrings = [\"Adopt\", \"Trial\", \"Assess\", \"Avoid\"]\n")
        .record(
            "kafka",
            "name: Kafka\nquadrant: platforms\nring: ADOPT\ndate: 2024-01-10\n",
            "Our event log.\n",
        )
        .record(
            "rabbitmq",
            "name: RabbitMQ\nquadrant: platforms\nring: avoid\ndate: 2024-01-10\n",
            "Replaced by Kafka.\n",
        );
    check("radar/unknown-ring", hit, near_miss);
}
