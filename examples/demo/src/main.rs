//! `cargo run -p wijknet-demo`: matches the demo referrals against the embedded Enschede region and
//! prints the ranked, explained answers.

fn main() {
    let result = wijknet_demo::region().and_then(|registry| wijknet_demo::report(&registry));
    match result {
        Ok(text) => print!("{text}"),
        Err(e) => {
            eprintln!("wijknet demo: {e}");
            for p in e.problems() {
                eprintln!("  {p}");
            }
            std::process::exit(1);
        }
    }
}
