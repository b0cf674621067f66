use crate::{Records, check, nygard};

#[test]
fn duplicate_number() {
    // Two branches each took number 7.
    let hit = Records::new()
        .record("0006-use-rust.md", &nygard(6, "Use Rust", "Accepted"))
        .record("0007-use-kafka.md", &nygard(7, "Use Kafka", "Accepted"))
        .record("0007-use-grpc.md", &nygard(7, "Use gRPC", "Proposed"));
    // The same digits padded differently are other numbers; a template and
    // a log4brains date prefix are not record numbers at all.
    let near_miss = Records::new()
        .record("0007-use-kafka.md", &nygard(7, "Use Kafka", "Accepted"))
        .record("0070-use-grpc.md", &nygard(70, "Use gRPC", "Accepted"))
        .record("0007-template.md", "# 7. Template\n")
        .record(
            "20200107-use-nats.md",
            "# Use NATS\n\n* Status: accepted\n* Date: 2020-01-07\n",
        );
    check("decisions/duplicate-number", hit, near_miss);
}
