fn main() {
    let t = std::env::args().nth(1).unwrap();
    let an = sitrep_text::segment(&t);
    for k in &an.tokens {
        print!("[{}|{:?}] ", k.text(&t), k.kind);
    }
    println!();
}
