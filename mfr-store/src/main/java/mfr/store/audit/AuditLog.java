package mfr.store.audit;

import java.util.List;

/** Append-only log of who did what, when, to which collection, and how it ended. */
public interface AuditLog {
    void append(AuditEvent event);

    /** The newest events, newest first. */
    List<AuditEvent> tail(int limit);
}
