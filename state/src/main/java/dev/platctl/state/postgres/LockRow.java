package dev.platctl.state.postgres;

import dev.platctl.engine.state.LockInfo;

/** A stack's row in the locks table: who took the lock, and the database session that holds it. */
record LockRow(LockInfo info, int backendPid) {
}
