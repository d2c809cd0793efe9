//! HAR 1.2 input (to come).
