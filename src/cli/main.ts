// Scaffold: replaced by the CLI.
export {};
