package mfr.server.auth;

import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.store.key.ApiKeyRecord;

/**
 * Who is calling: the admin, or a key of one collection.
 *
 * @param keyId      public id of the key (for the audit log)
 * @param role       admin or collection
 * @param collection the collection a collection key reaches (null for the admin)
 */
public record Caller(String keyId, ApiKeyRecord.Role role, String collection) {
    public boolean admin() {
        return role == ApiKeyRecord.Role.ADMIN;
    }

    public void requireAdmin() {
        if (!admin()) {
            throw new MfrException(ErrorCode.FORBIDDEN, "this needs the admin key; a collection key reaches only its"
                    + " collection's subjects, faces and searches");
        }
    }

    /** The admin reaches every collection; a collection key only its own. */
    public void requireCollection(String name) {
        if (!admin() && !name.equals(collection)) {
            throw new MfrException(ErrorCode.FORBIDDEN, "this key reaches collection '" + collection + "' only");
        }
    }
}
