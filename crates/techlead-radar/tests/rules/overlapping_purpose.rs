use crate::{Radar, check};

fn radar() -> Radar {
    Radar::new()
        .record(
            "reqwest",
            "name: reqwest\nquadrant: languages-and-frameworks\nring: adopt\npackages: [\"cargo:reqwest\"]\npurpose: HTTP-Client\ndate: 2024-01-10\n",
            "Async HTTP.\n",
        )
        .record(
            "ureq",
            "name: ureq\nquadrant: languages-and-frameworks\nring: trial\npackages: [\"cargo:ureq\"]\npurpose: http-client\ndate: 2025-12-10\n",
            "Blocking HTTP.\n",
        )
        .record(
            "axum",
            "name: axum\nquadrant: languages-and-frameworks\nring: adopt\npackages: [\"cargo:axum\"]\npurpose: http-server\ndate: 2024-01-10\n",
            "Our web framework.\n",
        )
}

#[test]
fn overlapping_purpose() {
    // Two HTTP clients in the lockfile (purposes compare without case),
    // and two message brokers without packages, both in rings before Hold.
    let hit = radar()
        .record(
            "kafka",
            "name: Kafka\nquadrant: platforms\nring: adopt\npurpose: messaging\ndate: 2024-01-10\n",
            "Our event log.\n",
        )
        .record(
            "nats",
            "name: NATS\nquadrant: platforms\nring: assess\npurpose: messaging\ndate: 2025-12-10\n",
            "Lighter.\n",
        )
        .uses("cargo:reqwest", Some(true), "Cargo.lock", 210)
        .uses("cargo:ureq", Some(false), "Cargo.lock", 480)
        .uses("cargo:axum", Some(true), "Cargo.lock", 20);
    // The second client is not in any lockfile; the second broker is on
    // Hold; a server is not a client.
    let near_miss = radar()
        .record(
            "kafka",
            "name: Kafka\nquadrant: platforms\nring: adopt\npurpose: messaging\ndate: 2024-01-10\n",
            "Our event log.\n",
        )
        .record(
            "rabbitmq",
            "name: RabbitMQ\nquadrant: platforms\nring: hold\npurpose: messaging\ndate: 2024-01-10\n",
            "Replaced by Kafka.\n",
        )
        .uses("cargo:reqwest", Some(true), "Cargo.lock", 210)
        .uses("cargo:axum", Some(true), "Cargo.lock", 20);
    check("radar/overlapping-purpose", hit, near_miss);
}
