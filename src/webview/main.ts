// Scaffold: replaced by the dashboard.
export {};
