//! Reads a FHIR Bundle file into a directory and prints what it holds, or every problem.
fn main() {
    let path = std::env::args().nth(1).expect("usage: import <bundle.json>");
    let bytes = std::fs::read(&path).expect("readable file");
    match wijknet_fhir::Directory::from_json(&bytes) {
        Ok(d) => println!(
            "{} organisations, {} teams, {} coordination points, {} FHIR resources",
            d.registry().organisations().len(),
            d.registry().teams().len(),
            d.registry().coordination_points().len(),
            d.resource_count()
        ),
        Err(e) => {
            println!("{e}");
            for p in e.problems() {
                println!("  {}: {}", p.path, p.reason);
            }
        }
    }
}
