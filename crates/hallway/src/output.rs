//! Writing to standard output for the commands. When the reader goes away (`hallway … | head`),
//! the command ends quietly with success, as Unix tools do, instead of panicking like `println!`.

use std::io::{ErrorKind, Write};

/// Writes formatted text to standard output.
pub fn text(args: std::fmt::Arguments<'_>) {
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = stdout.write_fmt(args).and_then(|()| stdout.flush()) {
        if error.kind() == ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: writing to standard output: {error}");
        std::process::exit(1);
    }
}

/// Writes formatted text and a newline to standard output.
pub fn line(args: std::fmt::Arguments<'_>) {
    text(format_args!("{args}\n"));
}
