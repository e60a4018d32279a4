"""Neural control Lyapunov/barrier functions (tiny re-typed layout)."""
