//! Writers for everything actorgraph outputs. Each format owns its escaping.

pub mod mentions;
