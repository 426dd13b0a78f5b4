package dev.platctl.state.postgres;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The 64-bit key of a PostgreSQL advisory lock, derived from a schema and a name so that schemas never share locks. */
record AdvisoryKey(long value) {
    static AdvisoryKey of(String schema, String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((schema + '\0' + name).getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) v = (v << 8) | (d[i] & 0xff);
            return new AdvisoryKey(v);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The high half, as {@code pg_locks.classid} shows it. */
    long classId() {
        return value >>> 32;
    }

    /** The low half, as {@code pg_locks.objid} shows it. */
    long objId() {
        return value & 0xffff_ffffL;
    }
}
