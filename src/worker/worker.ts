// Scaffold: replaced by the analysis worker.
export {};
