package mfr.store.audit;

import java.time.Instant;

/**
 * One audited action. Never biometric data: no image, no vector, no similarity.
 *
 * @param at         when
 * @param actor      key id of the caller ("anonymous" when none)
 * @param action     e.g. enroll, verify, identify, delete-subject
 * @param collection collection name, or null
 * @param target     subject name or template id, or null
 * @param outcome    ok, match, unknown, or the error code
 * @param status     HTTP status answered
 */
public record AuditEvent(Instant at, String actor, String action, String collection, String target, String outcome,
                         int status) {
}
