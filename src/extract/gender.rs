//! First-name → gender evidence for pronoun resolution.

/// Grammatical gender suggested by a first name or honorific.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
}

/// The gender a first name strongly suggests, or `None` when the name is unknown or unisex.
/// Case-insensitive; diacritics are ignored.
pub fn first_name_gender(_first_name: &str) -> Option<Gender> {
    None
}
