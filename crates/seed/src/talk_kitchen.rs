//! The kitchen: quick social chatter in small topics (drinks, lunch, weekends, what people
//! watch and read, pets, weather, recommendations, small wins), each with replies that fit.

use crate::vocab::{Pools, Shape};

const fn shape(
    openers: &'static [&'static str],
    answers: &'static [&'static str],
    follow_ups: &'static [&'static str],
    extras: &'static [&'static str],
    emojis: &'static [&'static str],
) -> Shape {
    Shape {
        openers,
        answers,
        follow_ups,
        extras,
        emojis,
    }
}

#[rustfmt::skip]
pub(crate) const KITCHEN: &[Shape] = &[
    shape(
        &["Morning from {city}! Who else is on their second {drink} already?", "Afternoon slump. Currently on {drink}, considering a walk instead.", "Who's around? Making {drink} and happy to chat for ten minutes.", "Controversial: {drink} after 3pm is fine."],
        &["Ha, same here in {city}. {drink2} for me though.", "Only my first {drink2} here, it's early in {city}.", "{drink2} is the only correct answer.", "@{op} I'm around! Grab a seat.", "Switched to {drink2} last month and never looked back.", "@{op} respect. I'd be vibrating."],
        &["@{prev} {drink2}? Bold choice.", "@{prev} fair, {drink2} is a classic.", "Ha, we're a {drink} household, @{prev}."],
        &["Reporting in with {drink2} from {city}.", "Tea team, always ☕", "Is it too late for a {drink}? Asking for me."],
        &["☕", "😂", "🙌", "❤️"],
    ),
    shape(
        &["Lunch report: {food}. What's everyone else having?", "Just made {food} and I'm unreasonably proud of it.", "Anyone else eating {food} at their desk again?"],
        &["Can confirm, {food} is elite.", "{food2} here. Yours sounds better.", "@{op} that sounds amazing. Recipe?", "Skipped lunch, now jealous of @{op}.", "Having {food2} in {city}, can't complain."],
        &["@{prev} recipe is mostly 'whatever was in the fridge'.", "@{prev} {food2} sounds great too!", "Ha, thanks @{prev}."],
        &["Now I'm hungry. Thanks, kitchen.", "Adding {food} to next week's plan."],
        &["🌮", "😋", "🤤", "👏"],
    ),
    shape(
        &["Any plans for the weekend? I'm {weekend}.", "Weekend plan: {weekend}. Yours?", "Back from {weekend_past}. Did I miss anything good in here?"],
        &["@{op} that sounds great, enjoy!", "Me: {weekend2}. Very similar energy.", "{weekend2} for me, if the weather in {city} allows.", "@{op} welcome back! Nothing you can't catch up on.", "Photos or it didn't happen, @{op} 📸"],
        &["@{prev} ooh, enjoy that!", "@{prev} will do, thanks!", "Ha, I'll report back on Monday."],
        &["Everyone's weekend sounds better than mine.", "Have a good one, all."],
        &["🎉", "😍", "🏔️", "❤️"],
    ),
    shape(
        &["Just finished {show}. No spoilers, but wow.", "Reading {book} at the moment and can't put it down.", "Need something to watch tonight. Last thing I loved was {show}."],
        &["Adding {show2} to your list then, @{op}. Trust me.", "I've heard good things about {book}. Let me know how it ends!", "Loved it! That ending...", "@{op} if you liked that, try {book2}.", "{show2} is next on my list too."],
        &["@{prev} added to the list, thanks!", "@{prev} no spoilers please 🙈", "Okay, you've convinced me, @{prev}."],
        &["Starting a kitchen book club, anyone?", "Writing all of these down."],
        &["📚", "🍿", "😍", "👀"],
    ),
    shape(
        &["My {pet} has decided my keyboard is the warmest seat in the house.", "Meeting interrupted by my {pet} again. Sorry, everyone in the 3pm.", "New office assistant: my {pet}. Productivity down 40%."],
        &["My {pet2} sends regards.", "@{op} we need a photo immediately.", "Ha, my {pet2} does the same with my laptop bag.", "Best coworker, no notes.", "@{op} honestly, the best part of that meeting."],
        &["@{prev} photo incoming 📸", "@{prev} tell your {pet2} I said hi.", "Ha, thanks @{prev}."],
        &["Pets of Hallway should be its own room.", "Petting my {pet2} in solidarity."],
        &["🐈", "🐕", "❤️", "😂"],
    ),
    shape(
        &["It's {weather} here in {city} today. How's it where you are?", "Weather report from {city}: {weather}. Working from the balcony?"],
        &["It's {weather_other} here in {city}, so I'm a little jealous.", "{weather_other} in {city}. Send some of yours over.", "@{op} the joys of a team on every continent.", "Same here in {city}, honestly."],
        &["@{prev} happy to trade!", "@{prev} stay dry!", "Ha, we should plot this on a map."],
        &["Reading this from {city}, where it's dark already.", "Love that we can cover four seasons in one thread."],
        &["☀️", "🌧️", "❄️", "😂"],
    ),
    shape(
        &["Recommendations for {ask}? Asking for me.", "I need {ask}. Go."],
        &["Recommendation: {rec}.", "@{op} {rec}, no question.", "I asked the same last year and ended up with {rec}.", "Following, I need one too."],
        &["@{prev} thank you, ordering that.", "Noted, thank you all ❤️", "@{prev} will report back."],
        &["Another vote for {rec}.", "Saving this for the next time I need it."],
        &["🙏", "👍", "💯"],
    ),
    shape(
        &["Small win: {win}", "Today I learned: {til}", "Hot take: {take}", "Happy {weekday}, everyone! Working to {music} today."],
        &["Congrats @{op}! 🎉", "Oh nice, I didn't know that!", "Strong disagree, but respectfully 😄", "{music2} here. Same energy.", "Love this, @{op}.", "@{op} this made my {weekday}."],
        &["Haha thanks @{prev}!", "@{prev} right?!", "Glad it's not just me."],
        &["Celebrating every small win from {city}.", "Kitchen wisdom at its finest."],
        &["🎉", "👏", "😂", "🤯", "🎶"],
    ),
];

#[rustfmt::skip]
pub(crate) const KITCHEN_WORDS: Pools = &[
    ("drink", &["coffee", "flat white", "oat latte", "green tea", "chai", "yerba mate", "espresso", "rooibos", "cold brew", "mint tea", "hot chocolate", "filter coffee"]),
    ("food", &["leftover dal", "a very ambitious salad", "ramen from the place downstairs", "cheese toastie", "shakshuka", "sushi", "jollof rice", "pierogi", "tacos al pastor", "a sad desk sandwich", "pho", "an empanada or three"]),
    ("weekend", &["going climbing", "finally repotting the monstera", "hiking if the rain holds off", "at a friend's wedding", "doing absolutely nothing, on purpose", "building a bookshelf", "baking bread for the neighbours", "at a five-a-side tournament", "visiting my parents", "at a board game café", "trying a new running route", "cleaning out the garage"]),
    ("weekend_past", &["a long weekend in the mountains", "a week of parental leave", "two days off the grid", "a friend's wedding", "a family visit", "a conference that was mostly hallway track"]),
    ("pet", &["cat", "dog", "parrot", "rabbit", "very old cat", "new kitten", "greyhound", "tortoise"]),
    ("show", &["the new season of Severance", "The Bear", "a documentary about octopuses", "Slow Horses", "Shōgun", "a three-hour film about bridges", "Only Murders in the Building", "the F1 documentary"]),
    ("book", &["Piranesi", "The Ministry for the Future", "Tomorrow, and Tomorrow, and Tomorrow", "A Philosophy of Software Design", "Project Hail Mary", "The Overstory", "Klara and the Sun", "Working in Public"]),
    ("music", &["lo-fi beats", "Khruangbin", "film soundtracks", "Brazilian jazz", "a rain sounds playlist", "Bach cello suites", "80s synth pop", "Afrobeats"]),
    ("weather", &["sunny and cold", "pouring rain", "foggy", "35 degrees", "snowing", "windy enough to lose an umbrella", "perfect", "grey, as usual"]),
    ("weather_other", &["drizzling", "freezing", "humid", "blue skies", "stormy", "mild and grey"]),
    ("ask", &["a good desk chair", "podcasts for a long drive", "a standing desk that doesn't wobble", "noise-cancelling headphones", "a quiet café with wifi", "a book to read on holiday", "a sourdough starter", "beginner houseplants"]),
    ("rec", &["the ones with the big ear cushions", "anything by Ursula K. Le Guin", "a snake plant, it survives anything", "the 99% Invisible podcast", "the café by the station", "a walking pad under the desk", "Meera's sourdough starter"]),
    ("til", &["octopuses have three hearts.", "the 'Z' in UTC-time is called Zulu.", "you can type a degree sign with Option-Shift-8 on a Mac.", "Nepal's time zone is UTC+5:45.", "honey never really goes off.", "`git switch -` jumps back to the previous branch."]),
    ("win", &["inbox zero for the first time this year.", "my first PR got merged!", "the tomato plant has an actual tomato.", "ran 10k without stopping.", "my kid tied their shoes alone.", "fixed the squeaky chair."]),
    ("take", &["pineapple on pizza is fine, actually.", "meetings should default to 25 minutes.", "tabs, not spaces.", "breakfast for dinner is underrated.", "the best coffee is the one someone else makes."]),
    ("drink2", &["tea", "coffee", "matcha", "an espresso", "sparkling water", "a cortado", "chai", "yerba mate"]),
    ("food2", &["leftover pasta", "a big bowl of soup", "rice and beans", "a falafel wrap", "dumplings", "an omelette", "toast, again", "a poke bowl"]),
    ("weekend2", &["a long bike ride", "a birthday party", "gardening", "the farmers' market", "a lazy Sunday", "a day at the beach", "a concert"]),
    ("show2", &["Andor", "Blue Eye Samurai", "Reservation Dogs", "Fleabag", "Dark", "Mr. Robot"]),
    ("book2", &["Station Eleven", "The Left Hand of Darkness", "Exhalation", "The Dispossessed", "Sea of Tranquility"]),
    ("pet2", &["cat", "dog", "budgie", "hamster", "two cats"]),
    ("music2", &["jazz piano", "Radiohead", "Nils Frahm", "City pop", "silence"]),

];
