fn main() -> std::process::ExitCode {
    kanarie::cli::main()
}
