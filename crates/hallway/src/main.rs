//! `hallway`: the one binary. See `hallway --help`.

fn main() -> std::process::ExitCode {
    hallway::cli::main()
}
