//! Handwritten, diverse given names and family names, each with an ASCII form for emails.
//!
//! Generated companies combine them: 60 × 60 pairs before a number has to be added.

/// (shown name, ASCII form for the email's local part)
pub(crate) type Name = (&'static str, &'static str);

pub(crate) const GIVEN: [Name; 60] = [
    ("Ada", "ada"),
    ("Jonas", "jonas"),
    ("Priya", "priya"),
    ("Mateus", "mateus"),
    ("Hannah", "hannah"),
    ("Kwame", "kwame"),
    ("Noa", "noa"),
    ("Ethan", "ethan"),
    ("Sofia", "sofia"),
    ("Keiko", "keiko"),
    ("Diego", "diego"),
    ("Amara", "amara"),
    ("Lukáš", "lukas"),
    ("Jae-won", "jaewon"),
    ("Marta", "marta"),
    ("Chloé", "chloe"),
    ("Arjun", "arjun"),
    ("Sam", "sam"),
    ("Ingrid", "ingrid"),
    ("Yuki", "yuki"),
    ("Fatima", "fatima"),
    ("Wei", "wei"),
    ("Olivia", "olivia"),
    ("Rohan", "rohan"),
    ("Elena", "elena"),
    ("Grace", "grace"),
    ("Liam", "liam"),
    ("Mariana", "mariana"),
    ("Bilal", "bilal"),
    ("Emma", "emma"),
    ("Tyrone", "tyrone"),
    ("Aisha", "aisha"),
    ("Marcus", "marcus"),
    ("Nadia", "nadia"),
    ("Carlos", "carlos"),
    ("Zoe", "zoe"),
    ("Hiroshi", "hiroshi"),
    ("Tariq", "tariq"),
    ("Meera", "meera"),
    ("Freya", "freya"),
    ("Oluwaseun", "oluwaseun"),
    ("Mei", "mei"),
    ("Santiago", "santiago"),
    ("Leilani", "leilani"),
    ("Dmitri", "dmitri"),
    ("Ananya", "ananya"),
    ("Kofi", "kofi"),
    ("Isabela", "isabela"),
    ("Tomasz", "tomasz"),
    ("Layla", "layla"),
    ("Niamh", "niamh"),
    ("Rahul", "rahul"),
    ("Sione", "sione"),
    ("Astrid", "astrid"),
    ("Jamal", "jamal"),
    ("Camille", "camille"),
    ("Minh", "minh"),
    ("Zanele", "zanele"),
    ("Mateo", "mateo"),
    ("Aroha", "aroha"),
];

pub(crate) const FAMILY: [Name; 60] = [
    ("Okafor", "okafor"),
    ("Becker", "becker"),
    ("Raghunathan", "raghunathan"),
    ("Oliveira", "oliveira"),
    ("Schmidt", "schmidt"),
    ("Mensah", "mensah"),
    ("Levi", "levi"),
    ("Walsh", "walsh"),
    ("Marchetti", "marchetti"),
    ("Tanaka", "tanaka"),
    ("Hernández", "hernandez"),
    ("Nwosu", "nwosu"),
    ("Novák", "novak"),
    ("Park", "park"),
    ("Kowalska", "kowalska"),
    ("Dubois", "dubois"),
    ("Mehta", "mehta"),
    ("Rivera", "rivera"),
    ("Larsen", "larsen"),
    ("Mori", "mori"),
    ("El Amrani", "elamrani"),
    ("Chen", "chen"),
    ("Brown", "brown"),
    ("Iyer", "iyer"),
    ("Petrova", "petrova"),
    ("Mwangi", "mwangi"),
    ("O'Connor", "oconnor"),
    ("López", "lopez"),
    ("Qureshi", "qureshi"),
    ("Johansson", "johansson"),
    ("Jackson", "jackson"),
    ("Bello", "bello"),
    ("Webb", "webb"),
    ("Rahman", "rahman"),
    ("Ruiz", "ruiz"),
    ("Campbell", "campbell"),
    ("Sato", "sato"),
    ("Haddad", "haddad"),
    ("Pillai", "pillai"),
    ("Thompson", "thompson"),
    ("Adeyemi", "adeyemi"),
    ("Wong", "wong"),
    ("Castillo", "castillo"),
    ("Kahananui", "kahananui"),
    ("Volkov", "volkov"),
    ("Krishnan", "krishnan"),
    ("Boateng", "boateng"),
    ("Ferreira", "ferreira"),
    ("Wiśniewski", "wisniewski"),
    ("Farouk", "farouk"),
    ("Byrne", "byrne"),
    ("Sharma", "sharma"),
    ("Tuilagi", "tuilagi"),
    ("Nilsson", "nilsson"),
    ("Carter", "carter"),
    ("Moreau", "moreau"),
    ("Nguyen", "nguyen"),
    ("Dlamini", "dlamini"),
    ("García", "garcia"),
    ("Ngata", "ngata"),
];

/// Pronouns some people choose to show; most generated people leave the field empty.
pub(crate) const PRONOUNS: [&str; 5] = ["she/her", "he/him", "they/them", "she/they", "he/they"];

/// The `index`-th distinct (given, family) pair and how many times the whole grid was used up.
///
/// Different indices below `GIVEN.len() * FAMILY.len()` give different pairs, and the round
/// number keeps later ones distinct, so emails built from this never collide.
pub(crate) fn pair(index: usize) -> (Name, Name, usize) {
    let grid = GIVEN.len() * FAMILY.len();
    let cell = index % grid;
    let given = cell % GIVEN.len();
    let family = (cell / GIVEN.len() + given) % FAMILY.len();
    (GIVEN[given], FAMILY[family], index / grid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn pairs_are_unique_across_the_grid_and_slugs_are_ascii() {
        let grid = GIVEN.len() * FAMILY.len();
        let seen: HashSet<_> = (0..grid).map(pair).map(|(g, f, _)| (g.1, f.1)).collect();
        assert_eq!(seen.len(), grid);
        assert_eq!(pair(grid).2, 1);
        for (_, slug) in GIVEN.iter().chain(FAMILY.iter()) {
            assert!(slug.bytes().all(|b| b.is_ascii_lowercase()), "{slug}");
        }
        let given: HashSet<_> = GIVEN.iter().map(|n| n.1).collect();
        let family: HashSet<_> = FAMILY.iter().map(|n| n.1).collect();
        assert_eq!((given.len(), family.len()), (GIVEN.len(), FAMILY.len()));
    }
}
