use super::*;
use gix::hashtable::HashSet as IdSet;
use proptest::prelude::*;
use std::collections::HashMap;

/// A commit of a made-up history: author time (None: does not parse),
/// revert, parents; a commit absent from the map cannot be read.
type Commit = (Option<i64>, bool, Vec<ObjectId>);

fn id(n: usize) -> ObjectId {
    let mut b = [0u8; 20];
    b[..8].copy_from_slice(&(n as u64 + 1).to_le_bytes());
    b[19] = 0xab;
    ObjectId::from_bytes_or_panic(&b)
}

/// The map form delivery had before the graph: hash sets of ids for the
/// main line and the claimed commits, each commit's facts looked up each
/// time it is met.
fn reference(
    history: &HashMap<ObjectId, Commit>,
    tip: ObjectId,
    tags: &[(i64, ObjectId)],
) -> Result<Vec<Claim>, ObjectId> {
    let mut main: IdSet = IdSet::default();
    main.insert(tip);
    let mut stack = vec![tip];
    while let Some(c) = stack.pop() {
        let (_, _, parents) = history.get(&c).ok_or(c)?;
        for &p in parents {
            if main.insert(p) {
                stack.push(p);
            }
        }
    }
    let mut claimed: IdSet = IdSet::default();
    let mut out = Vec::new();
    for (time, tag) in tags {
        let mut claim = Claim::default();
        let mut stack = vec![*tag];
        while let Some(c) = stack.pop() {
            if !claimed.insert(c) {
                continue;
            }
            let Some((authored, revert, parents)) = history.get(&c) else {
                continue;
            };
            stack.extend_from_slice(parents);
            if parents.len() <= 1 && main.contains(&c) {
                let authored = authored.unwrap_or(*time);
                claim
                    .leads
                    .push((*time - authored).max(0) as f64 / 86_400.0);
                if *revert {
                    claim.reverts += 1;
                }
            }
        }
        out.push(claim);
    }
    Ok(out)
}

fn graph_claims(
    history: &HashMap<ObjectId, Commit>,
    tip: ObjectId,
    tags: &[(i64, ObjectId)],
) -> Result<Vec<Claim>, ObjectId> {
    let facts = |c: &ObjectId, parents: &mut Vec<ObjectId>| match history.get(c) {
        Some((authored, revert, p)) => {
            parents.extend_from_slice(p);
            Ok((*authored, *revert))
        }
        None => Err(format!("{c} is missing")),
    };
    let mut g = Graph::new(facts, history.len());
    g.main_line(tip).map_err(|(c, _)| c)?;
    Ok(tags.iter().map(|(time, t)| g.claim(*t, *time)).collect())
}

/// Lead times in order, for a comparison that does not depend on the
/// order the walk met the commits in.
fn sorted(mut claims: Vec<Claim>) -> Vec<Claim> {
    for c in &mut claims {
        c.leads.sort_by(f64::total_cmp);
    }
    claims
}

/// A history of `n` commits, each with parents among the earlier ones
/// (a few of them merges, a few unreadable), and tags on random commits.
fn history() -> impl Strategy<Value = (HashMap<ObjectId, Commit>, usize, Vec<(i64, usize)>)> {
    (1usize..50).prop_flat_map(|n| {
        let commit = (
            proptest::option::weighted(0.9, 0i64..1_000_000),
            proptest::bool::weighted(0.1),
            proptest::collection::vec(0usize..1000, 0..4),
            proptest::bool::weighted(0.05),
        );
        (
            proptest::collection::vec(commit, n),
            0..n,
            proptest::collection::vec((0i64..2_000_000, 0..n + 3), 0..8),
        )
            .prop_map(move |(commits, tip, tags)| {
                let mut h = HashMap::new();
                for (i, (authored, revert, parents, unreadable)) in commits.into_iter().enumerate()
                {
                    if unreadable {
                        continue;
                    }
                    // Parents among the earlier commits (a root has none);
                    // the same parent twice stays twice, as a commit may
                    // list it.
                    let parents = match i {
                        0 => Vec::new(),
                        _ => parents.into_iter().map(|p| id(p % i)).collect(),
                    };
                    h.insert(id(i), (authored, revert, parents));
                }
                (h, tip, tags)
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_graph_claims_what_the_maps_claimed((history, tip, tags) in history()) {
        let mut tags: Vec<(i64, ObjectId)> = tags.into_iter().map(|(t, c)| (t, id(c))).collect();
        tags.sort();
        let old = reference(&history, id(tip), &tags).map(sorted);
        let new = graph_claims(&history, id(tip), &tags).map(sorted);
        prop_assert_eq!(old, new);
    }
}

#[test]
fn a_release_claims_only_what_no_earlier_one_did() {
    // 0 <- 1 <- 2 (revert) <- 3, tagged at 1 and 3; 4 off the main line.
    let day = 86_400;
    let mut h = HashMap::new();
    h.insert(id(0), (Some(0), false, vec![]));
    h.insert(id(1), (Some(day), false, vec![id(0)]));
    h.insert(id(2), (Some(2 * day), true, vec![id(1)]));
    h.insert(id(3), (None, false, vec![id(2)]));
    h.insert(id(4), (Some(day), false, vec![id(1)]));
    let claims = graph_claims(
        &h,
        id(3),
        &[(day, id(1)), (4 * day, id(3)), (5 * day, id(4))],
    )
    .unwrap();
    assert_eq!(sorted(claims.clone())[0].leads, [0.0, 1.0]);
    // 3's time does not parse: no lead time, not days since 1970.
    assert_eq!(sorted(claims.clone())[1].leads, [0.0, 2.0]);
    assert_eq!(claims[1].reverts, 1);
    // 4 is not on the main line: claimed, not counted.
    assert_eq!(claims[2], Claim::default());
    // An unreadable commit on the main line is an error.
    h.remove(&id(0));
    assert_eq!(graph_claims(&h, id(3), &[]).unwrap_err(), id(0));
}
