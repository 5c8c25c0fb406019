"""One module per scenario, each with main(argv) -> int."""
