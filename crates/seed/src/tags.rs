//! "Ask me about" tags for a software company, grouped so that tags cluster by team.

/// Which group of tags a team's people mostly know about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pool {
    Platform,
    Apps,
    Design,
    Data,
    Support,
    Growth,
}

impl Pool {
    pub(crate) const ALL: [Pool; 6] = [
        Pool::Platform,
        Pool::Apps,
        Pool::Design,
        Pool::Data,
        Pool::Support,
        Pool::Growth,
    ];

    /// The tags of this pool; several tags appear in two pools on purpose.
    pub(crate) fn tags(self) -> &'static [&'static str] {
        match self {
            Pool::Platform => &[
                "rust",
                "postgres",
                "kubernetes",
                "terraform",
                "oncall",
                "observability",
                "client-side encryption",
                "incident reviews",
                "sqlite",
                "performance",
                "ci pipelines",
                "security reviews",
            ],
            Pool::Apps => &[
                "ios",
                "android",
                "swift",
                "kotlin",
                "react native",
                "typescript",
                "offline sync",
                "push notifications",
                "app store review",
                "accessibility",
            ],
            Pool::Design => &[
                "figma",
                "accessibility",
                "design systems",
                "user research",
                "typography",
                "illustration",
                "motion",
                "prototyping",
            ],
            Pool::Data => &[
                "sql",
                "dbt",
                "python",
                "experimentation",
                "pricing experiments",
                "dashboards",
                "forecasting",
                "privacy",
                "postgres",
            ],
            Pool::Support => &[
                "escalations",
                "zendesk",
                "documentation",
                "onboarding",
                "customer interviews",
                "oncall",
                "accessibility",
            ],
            Pool::Growth => &[
                "pricing experiments",
                "seo",
                "lifecycle email",
                "copywriting",
                "analytics",
                "partnerships",
                "onboarding",
            ],
        }
    }
}

/// Things people also like to be asked about, sprinkled over generated profiles.
pub(crate) const HOBBIES: [&str; 10] = [
    "sourdough",
    "bouldering",
    "chess",
    "cycling",
    "board games",
    "birdwatching",
    "mechanical keyboards",
    "running",
    "gardening",
    "film photography",
];
