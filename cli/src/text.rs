//! Small pieces of text output shared by the subcommands: names instead of ids where the
//! registry knows them, contact lines, lists.

use wijknet::Registry;
use wijknet::registry::ContactPerson;

/// An organisation's name, or its id when no registry (or no such organisation) is at hand.
pub fn org_name<'a>(registry: Option<&'a Registry>, id: &'a str) -> &'a str {
    registry.and_then(|r| r.organisation(id)).map_or(id, |o| o.name.as_str())
}

/// A team's name, or its id.
pub fn team_name<'a>(registry: Option<&'a Registry>, id: &'a str) -> &'a str {
    registry.and_then(|r| r.team(id)).map_or(id, |t| t.name.as_str())
}

/// "name (role), phone" of a contact person.
pub fn contact_line(p: &ContactPerson) -> String {
    let phone = p.phone.as_deref().unwrap_or("-");
    format!("{} ({}), {phone}", p.name, p.role)
}

/// Items joined with commas, or `-` for none.
pub fn list<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    let items: Vec<String> = items.into_iter().map(|s| s.as_ref().to_owned()).collect();
    if items.is_empty() { "-".to_owned() } else { items.join(", ") }
}
