//! The demo roster (placeholder until filled below).
