//! Prints the entities and actors sitrep finds in a file, one mention a line:
//! `cargo run --release -p sitrep-pipeline --example entities -- FILE`.

fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let gaz = sitrep_geo::default_gazetteer().unwrap();
    let dict = sitrep_actors::ActorDict::embedded();
    let an = sitrep_text::segment(&text);
    let ents = sitrep_entities::extract(&text, &an, gaz, dict);
    let actors = sitrep_actors::resolve(&text, &an, &ents, gaz, dict, None);
    for (i, e) in ents.mentions.iter().enumerate() {
        let a = actors.by_cluster.get(&ents.cluster[i]);
        println!(
            "{:?} {:?} c{} canon={:?} role={:?} actor={:?}",
            e.text,
            e.kind,
            ents.cluster[i],
            e.canonical,
            ents.roles.get(&i).map(|r| &text[r.start..r.end]),
            a.map(|a| (&a.canonical, &a.country, &a.sector, &a.affiliation))
        );
    }
}
