//! A synthetic mailing-list mbox: 200 senders, every message replying to the one
//! before it in a thread of five, a quoted-printable body every third message.

use std::error::Error;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use super::USERS;

pub fn write(path: &Path, n: usize) -> Result<(), Box<dyn Error>> {
    let mut out = BufWriter::new(File::create(path)?);
    for i in 0..n {
        let user = i * 7 % USERS;
        let minute = i % 60;
        let hour = i / 60 % 24;
        let day = i / 1440 % 28 + 1;
        writeln!(
            out,
            "From u{user}@example.org Mon Jan  1 {hour:02}:{minute:02}:00 2024"
        )?;
        writeln!(out, "From: User {user} <u{user}@example.org>")?;
        writeln!(out, "Date: {day} Jan 2024 {hour:02}:{minute:02}:00 +0000")?;
        writeln!(out, "Message-ID: <m{i}@example.org>")?;
        if i % 5 != 0 {
            writeln!(out, "In-Reply-To: <m{}@example.org>", i - 1)?;
        }
        writeln!(out, "Subject: Re: deploys and the\n build pipeline")?;
        writeln!(out, "List-Id: Dev <dev.example.org>")?;
        if i % 3 == 0 {
            writeln!(out, "Content-Type: text/plain; charset=utf-8")?;
            writeln!(out, "Content-Transfer-Encoding: quoted-printable\n")?;
            writeln!(
                out,
                "Caf=C3=A9 deploys take long =\nbecause of the cache.\n"
            )?;
        } else {
            writeln!(
                out,
                "\nMessage {i}: the cache is cold after a deploy.\n>From the logs it is obvious.\n"
            )?;
        }
    }
    out.flush()?;
    Ok(())
}
